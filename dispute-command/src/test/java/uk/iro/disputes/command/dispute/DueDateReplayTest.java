package uk.iro.disputes.command.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.command.dispute.Disputes.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.calendar.WorkingDays;
import uk.iro.disputes.kernel.command.RecordStageOverdue;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.event.StageOverdue;
import uk.iro.disputes.kernel.state.DisputeState;

/** Due dates are computed once, when a stage opens; a later calendar never rewrites them. */
class DueDateReplayTest {

    @Test
    void aCalendarChangedAfterTheFactDoesNotChangeAReplayedDueDate() {
        // Recorded under the plain England and Wales calendar: stage 1 opened Monday 2 March, due Monday 9 March.
        List<DisputeEvent> recorded = Walk.startingOn(date(2026, 3, 2))
                .then(raiseFormally("wakefield", IRO_MANAGER),
                        raised("wakefield", Track.FORMAL, date(2026, 3, 2), IRO_MANAGER),
                        formalStarted("stage-1", date(2026, 3, 2), date(2026, 3, 30), date(2026, 3, 30)),
                        opened("wakefield", "stage-1", date(2026, 3, 2), date(2026, 3, 9)))
                .history();

        // Later the council configures two closure days in that week; computed afresh, the due date would move.
        WorkingDayCalendar later = CALENDAR.withClosureDays(List.of(date(2026, 3, 4), date(2026, 3, 5)));
        assertThat(later.addWorkingDays(date(2026, 3, 2), WorkingDays.of(5))).isEqualTo(date(2026, 3, 11));

        assertThat(DisputeState.of(recorded).currentStage().orElseThrow().dueDate()).isEqualTo(date(2026, 3, 9));
        MovableClock clock = new MovableClock(date(2026, 3, 10));
        fixture(clock, later)
                .given(recorded)
                .when(new RecordStageOverdue(DISPUTE, stage("stage-1"), date(2026, 3, 9)))
                .expectEvents(new StageOverdue(DISPUTE, stage("stage-1"), date(2026, 3, 9), date(2026, 3, 10)));

        // A stage opened after the change is dated by the calendar of its day.
        clock.setDate(date(2026, 3, 2));
        fixture(clock, later)
                .given(recorded)
                .when(escalate("stage-1"))
                .expectEvents(escalated("stage-1", "stage-2", date(2026, 3, 2)),
                        opened("wakefield", "stage-2", date(2026, 3, 2), date(2026, 3, 11)));
    }
}
