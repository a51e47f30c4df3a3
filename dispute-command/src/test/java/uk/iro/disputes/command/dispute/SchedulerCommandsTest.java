package uk.iro.disputes.command.dispute;

import static uk.iro.disputes.command.dispute.Disputes.*;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.command.RecordMonitoringOutcome;
import uk.iro.disputes.kernel.command.RecordMonitoringOverdue;
import uk.iro.disputes.kernel.command.RecordStageDueSoon;
import uk.iro.disputes.kernel.command.RecordStageOverdue;
import uk.iro.disputes.kernel.command.RecordStatutoryTimescaleBreached;
import uk.iro.disputes.kernel.command.WithdrawDispute;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeWithdrawn;
import uk.iro.disputes.kernel.event.MonitoringMeetingOverdue;
import uk.iro.disputes.kernel.event.MonitoringOutcomeRecorded;
import uk.iro.disputes.kernel.event.StageDueSoon;
import uk.iro.disputes.kernel.event.StageOverdue;
import uk.iro.disputes.kernel.event.StatutoryTimescaleBreached;

/** What the deadline scheduler sends: recorded when due, and otherwise nothing at all (never an error). */
class SchedulerCommandsTest {

    private static final RecordStageOverdue STAGE_ONE_OVERDUE =
            new RecordStageOverdue(DISPUTE, stage("stage-1"), date(2026, 3, 9));

    private static Walk wakefieldAtStageOne() {
        return Walk.startingOn(date(2026, 3, 2)).given(
                raised("wakefield", Track.FORMAL, date(2026, 3, 2), IRO_MANAGER),
                formalStarted("stage-1", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                opened("wakefield", "stage-1", date(2026, 3, 2), date(2026, 3, 9)));
    }

    @Test
    void aStageIsOverdueFromTheDayAfterItsDueDateOnce() {
        wakefieldAtStageOne()
                .on(date(2026, 3, 9)).then(STAGE_ONE_OVERDUE)
                .on(date(2026, 3, 10)).then(STAGE_ONE_OVERDUE,
                        new StageOverdue(DISPUTE, stage("stage-1"), date(2026, 3, 9), date(2026, 3, 10)))
                .then(STAGE_ONE_OVERDUE);
    }

    @Test
    void anAnsweredStageIsNeverOverdue() {
        wakefieldAtStageOne()
                .on(date(2026, 3, 9)).then(respond("stage-1", SENIOR_MANAGER), responded("stage-1", SENIOR_MANAGER, date(2026, 3, 9)))
                .on(date(2026, 3, 10)).then(STAGE_ONE_OVERDUE);
    }

    @Test
    void aStageTheDisputeHasLeftIsNeverOverdue() {
        wakefieldAtStageOne()
                .on(date(2026, 3, 6))
                .then(escalate("stage-1"), escalated("stage-1", "stage-2", date(2026, 3, 6)),
                        opened("wakefield", "stage-2", date(2026, 3, 6), date(2026, 3, 13)))
                .on(date(2026, 3, 10)).then(STAGE_ONE_OVERDUE)
                .then(new RecordStageOverdue(DISPUTE, stage("stage-2"), date(2026, 3, 9)));
    }

    @Test
    void aWithdrawnOrResolvedDisputeIsNeverOverdueNorInBreach() {
        wakefieldAtStageOne()
                .on(date(2026, 3, 5))
                .then(new WithdrawDispute(DISPUTE, "Raised in error.", IRO),
                        new DisputeWithdrawn(DISPUTE, "Raised in error.", IRO, date(2026, 3, 5)))
                .on(date(2026, 4, 30))
                .then(STAGE_ONE_OVERDUE)
                .then(new RecordStatutoryTimescaleBreached(DISPUTE));
        wakefieldAtStageOne()
                .on(date(2026, 3, 5)).then(resolve(), resolved("stage-1", date(2026, 3, 5), null))
                .on(date(2026, 4, 30)).then(STAGE_ONE_OVERDUE).then(new RecordStatutoryTimescaleBreached(DISPUTE));
    }

    @Test
    void theTotalTimescaleIsBreachedOnceTheDayAfterTheStricterLimit() {
        wakefieldAtStageOne()
                .on(date(2026, 3, 30)).then(new RecordStatutoryTimescaleBreached(DISPUTE))
                .on(date(2026, 3, 31)).then(new RecordStatutoryTimescaleBreached(DISPUTE),
                        new StatutoryTimescaleBreached(DISPUTE, date(2026, 3, 30), date(2026, 3, 31)))
                .then(new RecordStatutoryTimescaleBreached(DISPUTE));
    }

    @Test
    void anInformalDisputeHasNoTotalTimescaleToBreach() {
        Walk.startingOn(date(2026, 3, 2))
                .then(raiseInformally("birmingham"), raised("birmingham", Track.INFORMAL, date(2026, 3, 2), null),
                        opened("birmingham", "informal", date(2026, 3, 2), null))
                .on(date(2026, 6, 1)).then(new RecordStatutoryTimescaleBreached(DISPUTE));
    }

    @Test
    void durhamsDeclaredSeventeenDaysIsStricterThanTheStatutoryTwenty() {
        Walk.startingOn(date(2026, 3, 2))
                .given(raised("durham", Track.FORMAL, date(2026, 3, 2), null),
                        formalStarted("stage-2", date(2026, 3, 2), date(2026, 3, 25), date(2026, 3, 30)),
                        opened("durham", "stage-2", date(2026, 3, 2), date(2026, 3, 6)))
                .on(date(2026, 3, 26))
                .then(new RecordStatutoryTimescaleBreached(DISPUTE),
                        new StatutoryTimescaleBreached(DISPUTE, date(2026, 3, 25), date(2026, 3, 26)));
    }

    private static final RecordStageDueSoon STAGE_ONE_DUE_SOON =
            new RecordStageDueSoon(DISPUTE, stage("stage-1"), date(2026, 3, 9));

    @Test
    void aDueSoonReminderIsRecordedOnceUpToTheDueDateWithTheWorkingDaysLeft() {
        wakefieldAtStageOne()
                .on(date(2026, 3, 6))
                .then(STAGE_ONE_DUE_SOON,
                        new StageDueSoon(DISPUTE, stage("stage-1"), date(2026, 3, 9), date(2026, 3, 6), 1))
                .then(STAGE_ONE_DUE_SOON);
        wakefieldAtStageOne()
                .on(date(2026, 3, 9))
                .then(STAGE_ONE_DUE_SOON,
                        new StageDueSoon(DISPUTE, stage("stage-1"), date(2026, 3, 9), date(2026, 3, 9), 0));
    }

    @Test
    void noReminderOnceTheDueDateHasPassedOrMovedOrTheStageIsAnswered() {
        wakefieldAtStageOne().on(date(2026, 3, 10)).then(STAGE_ONE_DUE_SOON);
        wakefieldAtStageOne()
                .on(date(2026, 3, 6))
                .then(new RecordStageDueSoon(DISPUTE, stage("stage-1"), date(2026, 3, 10)));
        wakefieldAtStageOne()
                .on(date(2026, 3, 6))
                .then(respond("stage-1", SENIOR_MANAGER), responded("stage-1", SENIOR_MANAGER, date(2026, 3, 6)))
                .then(STAGE_ONE_DUE_SOON);
    }

    private static Walk durhamResolvedWithMonitoringDue(LocalDate monitoringDueOn) {
        return Walk.startingOn(date(2026, 3, 2)).given(
                raised("durham", Track.FORMAL, date(2026, 3, 2), null),
                formalStarted("stage-3", date(2026, 3, 2), date(2026, 3, 25), date(2026, 3, 30)),
                opened("durham", "stage-3", date(2026, 3, 2), date(2026, 3, 6)),
                resolved("stage-3", date(2026, 3, 4), monitoringDueOn));
    }

    @Test
    void aMonitoringMeetingWithNoOutcomeIsRecordedOverdueOnceTheDayAfterItsDate() {
        RecordMonitoringOverdue lapsed = new RecordMonitoringOverdue(DISPUTE, date(2026, 3, 18));
        durhamResolvedWithMonitoringDue(date(2026, 3, 18))
                .on(date(2026, 3, 18)).then(lapsed)
                .on(date(2026, 3, 19)).then(lapsed,
                        new MonitoringMeetingOverdue(DISPUTE, date(2026, 3, 18), date(2026, 3, 19)))
                .then(lapsed);
    }

    @Test
    void aMonitoringMeetingWithAnOutcomeOrAnotherDateIsNeverOverdue() {
        durhamResolvedWithMonitoringDue(date(2026, 3, 18))
                .on(date(2026, 3, 19)).then(new RecordMonitoringOverdue(DISPUTE, date(2026, 3, 17)));
        durhamResolvedWithMonitoringDue(date(2026, 3, 18))
                .on(date(2026, 3, 18))
                .then(new RecordMonitoringOutcome(DISPUTE, true, null, "Done.", IRO),
                        new MonitoringOutcomeRecorded(DISPUTE, true, null, "Done.", IRO, date(2026, 3, 18)))
                .on(date(2026, 3, 20)).then(new RecordMonitoringOverdue(DISPUTE, date(2026, 3, 18)));
        wakefieldAtStageOne()
                .on(date(2026, 4, 30)).then(new RecordMonitoringOverdue(DISPUTE, date(2026, 3, 18)));
    }
}
