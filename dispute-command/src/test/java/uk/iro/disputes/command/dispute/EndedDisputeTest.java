package uk.iro.disputes.command.dispute;

import static uk.iro.disputes.command.dispute.Disputes.*;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.iro.disputes.kernel.command.RecordChildInformed;
import uk.iro.disputes.kernel.command.RecordDisputeResolutionMeeting;
import uk.iro.disputes.kernel.command.RecordMonitoringOutcome;
import uk.iro.disputes.kernel.command.RecordStageOverdue;
import uk.iro.disputes.kernel.command.RecordStatutoryTimescaleBreached;
import uk.iro.disputes.kernel.command.RequestIndependentLegalAdvice;
import uk.iro.disputes.kernel.command.WithdrawDispute;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.event.DisputeWithdrawn;
import uk.iro.disputes.kernel.rule.DisputeRule;

/** A closed record cannot change; a withdrawn dispute takes no further step. */
class EndedDisputeTest {

    private static final List<DisputeEvent> AT_STAGE_TWO = List.of(
            raised("durham", Track.FORMAL, date(2026, 3, 2), null),
            formalStarted("stage-2", date(2026, 3, 2), date(2026, 3, 25), date(2026, 3, 30)),
            opened("durham", "stage-2", date(2026, 3, 2), date(2026, 3, 6)));

    static Stream<Object> everyCommandOfTheProcess() {
        return Stream.of(
                respond("stage-2", TEAM_MANAGER),
                escalate("stage-2"),
                extend("stage-2", date(2026, 3, 10), "Assessment due.", IRO),
                new RecordDisputeResolutionMeeting(DISPUTE, date(2026, 3, 3), Set.of(Role.IRO), MeetingOutcome.RESOLVED, "", IRO),
                resolve(),
                monitoringAchieved(),
                new RecordMonitoringOutcome(DISPUTE, false, uk.iro.disputes.kernel.dispute.MonitoringNextStep.ESCALATE, "", IRO),
                referToCafcass(null),
                new RequestIndependentLegalAdvice(DISPUTE, "Advice.", IRO),
                new RecordChildInformed(DISPUTE, date(2026, 3, 3), "Visit.", IRO),
                new WithdrawDispute(DISPUTE, "Again.", IRO),
                close(IRO));
    }

    @ParameterizedTest
    @MethodSource("everyCommandOfTheProcess")
    void aClosedRecordRejectsEveryCommand(Object command) {
        Walk.startingOn(date(2026, 3, 2))
                .given(AT_STAGE_TWO.toArray(DisputeEvent[]::new))
                .given(resolved("stage-2", date(2026, 3, 3), date(2026, 3, 17)),
                        monitoringRecordedAchieved(date(2026, 3, 17)),
                        closed(IRO, date(2026, 3, 17)))
                .on(date(2026, 3, 18))
                .rejects(command, DisputeRule.DISPUTE_CLOSED);
    }

    @ParameterizedTest
    @MethodSource("everyCommandOfTheProcess")
    void aWithdrawnDisputeRejectsEveryCommand(Object command) {
        Walk.startingOn(date(2026, 3, 2))
                .given(AT_STAGE_TWO.toArray(DisputeEvent[]::new))
                .given(new DisputeWithdrawn(DISPUTE, "Raised in error.", IRO, date(2026, 3, 3)))
                .on(date(2026, 3, 4))
                .rejects(command, DisputeRule.DISPUTE_WITHDRAWN);
    }

    @org.junit.jupiter.api.Test
    void aClosedRecordIgnoresTheScheduler() {
        Walk.startingOn(date(2026, 3, 2))
                .given(AT_STAGE_TWO.toArray(DisputeEvent[]::new))
                .given(resolved("stage-2", date(2026, 3, 3), date(2026, 3, 17)),
                        monitoringRecordedAchieved(date(2026, 3, 17)),
                        closed(IRO, date(2026, 3, 17)))
                .on(date(2026, 6, 1))
                .then(new RecordStageOverdue(DISPUTE, stage("stage-2"), date(2026, 3, 6)))
                .then(new RecordStatutoryTimescaleBreached(DISPUTE));
    }
}
