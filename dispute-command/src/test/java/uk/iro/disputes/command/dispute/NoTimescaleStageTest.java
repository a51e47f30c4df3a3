package uk.iro.disputes.command.dispute;

import static uk.iro.disputes.command.dispute.Disputes.*;

import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.command.RecordStageOverdue;
import uk.iro.disputes.kernel.command.RecordStatutoryTimescaleBreached;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.StatutoryTimescaleBreached;
import uk.iro.disputes.kernel.rule.DisputeRule;

/**
 * A stage with no response timescale (the test ladder's Director, like ladders that end at a director or chief
 * executive with none): it opens with no due date, never goes overdue, cannot be extended, and the time spent at it
 * still counts toward the statutory 20 working days of the formal process.
 */
class NoTimescaleStageTest {

    private static Walk atTheDirector() {
        return Walk.startingOn(date(2026, 3, 2), WITH_TEST_LADDER)
                .given(raised("test-ladder", Track.FORMAL, date(2026, 3, 2), null),
                        formalStarted("stage-1", date(2026, 3, 2), null, date(2026, 3, 30)),
                        opened("test-ladder", "stage-1", date(2026, 3, 2), date(2026, 3, 9)))
                .on(date(2026, 3, 5))
                .then(escalate("stage-1"), escalated("stage-1", "stage-2", date(2026, 3, 5)),
                        // no due date: the policy gives the Director no timescale
                        opened("test-ladder", "stage-2", date(2026, 3, 5), null));
    }

    @Test
    void itNeverGoesOverdueWhateverTheSchedulerSends() {
        atTheDirector()
                .on(date(2027, 3, 5))
                .then(new RecordStageOverdue(DISPUTE, stage("stage-2"), null))
                .then(new RecordStageOverdue(DISPUTE, stage("stage-2"), date(2026, 3, 12)))
                .rejects(extend("stage-2", date(2026, 3, 12), null, IRO), DisputeRule.STAGE_HAS_NO_TIMESCALE);
    }

    @Test
    void itStillCountsTowardTheStatutoryTotal() {
        atTheDirector()
                .on(date(2026, 3, 30)).then(new RecordStatutoryTimescaleBreached(DISPUTE))
                .on(date(2026, 3, 31)).then(new RecordStatutoryTimescaleBreached(DISPUTE),
                        new StatutoryTimescaleBreached(DISPUTE, date(2026, 3, 30), date(2026, 3, 31)));
    }
}
