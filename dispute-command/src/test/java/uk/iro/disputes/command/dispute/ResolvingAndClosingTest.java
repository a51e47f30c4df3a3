package uk.iro.disputes.command.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.command.dispute.Disputes.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.command.RecordMonitoringOutcome;
import uk.iro.disputes.kernel.command.ResolveDispute;
import uk.iro.disputes.kernel.command.WithdrawDispute;
import uk.iro.disputes.kernel.dispute.DisputeStatus;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeWithdrawn;
import uk.iro.disputes.kernel.rule.DisputeRule;

class ResolvingAndClosingTest {

    /** Durham at stage 2 (Team Manager, four working days), raised Monday 2 March 2026. */
    private static Walk durhamAtStageTwo() {
        return Walk.startingOn(date(2026, 3, 2)).given(
                raised("durham", Track.FORMAL, date(2026, 3, 2), null),
                formalStarted("stage-2", date(2026, 3, 2), date(2026, 3, 25), date(2026, 3, 30)),
                opened("durham", "stage-2", date(2026, 3, 2), date(2026, 3, 6)));
    }

    @Test
    void aDisputeIsResolvedAsReferredToCafcassOnlyByReferringIt() {
        durhamAtStageTwo().rejects(new ResolveDispute(DISPUTE, ResolutionOutcome.REFERRED_TO_CAFCASS, "x", List.of(), IRO),
                DisputeRule.OUTCOME_NEEDS_CAFCASS_REFERRAL);
    }

    @Test
    void aFailedMonitoringCheckReopensTheDisputeAtTheStageItWasResolvedAt() {
        Walk walk = durhamAtStageTwo()
                .on(date(2026, 3, 5)).then(resolve(), resolved("stage-2", date(2026, 3, 5), date(2026, 3, 19)))
                .on(date(2026, 3, 19))
                .rejects(new RecordMonitoringOutcome(DISPUTE, false, null, "", IRO), DisputeRule.MONITORING_NEXT_STEP_REQUIRED)
                .then(monitoringNotAchieved(MonitoringNextStep.REOPEN_AT_LAST_STAGE),
                        monitoringRecordedNotAchieved(MonitoringNextStep.REOPEN_AT_LAST_STAGE, date(2026, 3, 19)),
                        reopened("stage-2", date(2026, 3, 19)),
                        opened("durham", "stage-2", date(2026, 3, 19), date(2026, 3, 25)))
                .rejects(monitoringAchieved(), DisputeRule.NO_MONITORING_DUE);
        assertThat(walk.state().status()).isEqualTo(DisputeStatus.OPEN);
        assertThat(walk.state().resolution()).isNull();
        assertThat(walk.state().stages()).extracting(s -> s.key().value()).containsExactly("stage-2", "stage-2");
    }

    @Test
    void aFailedMonitoringCheckCannotEscalatePastTheLastStage() {
        Walk.startingOn(date(2026, 3, 2))
                .given(raised("durham", Track.FORMAL, date(2026, 3, 2), null),
                        formalStarted("stage-7", date(2026, 3, 2), date(2026, 3, 25), date(2026, 3, 30)),
                        opened("durham", "stage-7", date(2026, 3, 2), date(2026, 3, 3)),
                        resolved("stage-7", date(2026, 3, 3), date(2026, 3, 17)))
                .on(date(2026, 3, 17))
                .rejects(monitoringNotAchieved(MonitoringNextStep.ESCALATE), DisputeRule.NO_STAGE_BEYOND_LAST);
    }

    @Test
    void monitoringIsRecordedOnlyWhereThePolicyHasAMeeting() {
        Walk.startingOn(date(2026, 3, 2))
                .given(raised("wakefield", Track.FORMAL, date(2026, 3, 2), IRO_MANAGER),
                        formalStarted("stage-1", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                        opened("wakefield", "stage-1", date(2026, 3, 2), date(2026, 3, 9)))
                .rejects(monitoringAchieved(), DisputeRule.NO_MONITORING_DUE)
                .then(resolve(), resolved("stage-1", date(2026, 3, 2), null))
                .rejects(monitoringAchieved(), DisputeRule.NO_MONITORING_DUE);
    }

    @Test
    void onlyAResolvedDisputeIsClosedAndOnlyByTheRolesThePolicyNames() {
        durhamAtStageTwo()
                .rejects(close(IRO), DisputeRule.DISPUTE_NOT_RESOLVED)
                .on(date(2026, 3, 5)).then(resolve(), resolved("stage-2", date(2026, 3, 5), date(2026, 3, 19)))
                .rejects(close(IRO), DisputeRule.MONITORING_OUTSTANDING)
                .on(date(2026, 3, 19)).then(monitoringAchieved(), monitoringRecordedAchieved(date(2026, 3, 19)))
                .rejects(close(SENIOR_MANAGER), DisputeRule.CLOSURE_NOT_AUTHORISED)
                .rejects(close(AUDITOR), DisputeRule.CLOSURE_NOT_AUTHORISED)
                .then(close(IRO_MANAGER), closed(IRO_MANAGER, date(2026, 3, 19)))
                .rejects(close(IRO), DisputeRule.DISPUTE_CLOSED);
    }

    @Test
    void aWithdrawnDisputeCannotBeClosedOrWithdrawnAgain() {
        durhamAtStageTwo()
                .then(new WithdrawDispute(DISPUTE, "Child returned home.", IRO),
                        new DisputeWithdrawn(DISPUTE, "Child returned home.", IRO, date(2026, 3, 2)))
                .rejects(close(IRO), DisputeRule.DISPUTE_WITHDRAWN)
                .rejects(new WithdrawDispute(DISPUTE, "again", IRO), DisputeRule.DISPUTE_WITHDRAWN);
    }
}
