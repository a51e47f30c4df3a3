package uk.iro.disputes.kernel.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.dispute.Track;

/** Due dates computed from the loaded policies and the England and Wales working-day calendar. */
class PolicyDueDatesTest {

    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.englandAndWales();
    private static final LocalDate MONDAY_2_MARCH_2026 = LocalDate.of(2026, 3, 2);

    private static EscalationPolicy birmingham() {
        return PolicyLoader.catalogue(List.of()).latest("birmingham").orElseThrow();
    }

    private static LocalDate due(EscalationPolicy policy, String stage, LocalDate openedOn) {
        return policy.dueDateOf(StageKey.of(stage), Track.FORMAL, openedOn, MONDAY_2_MARCH_2026, CALENDAR);
    }

    @Test
    void birminghamsTeamManagerAnswersWithinTenWorkingDays() {
        assertThat(MONDAY_2_MARCH_2026.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);

        assertThat(due(birmingham(), "stage-1", MONDAY_2_MARCH_2026)).isEqualTo(LocalDate.of(2026, 3, 16));
    }

    @Test
    void birminghamsDirectorOfPracticeIsDueByDayTwentyOfTheFormalProcess() {
        EscalationPolicy birmingham = birmingham();

        LocalDate stage1Due = due(birmingham, "stage-1", MONDAY_2_MARCH_2026);
        LocalDate stage2Due = due(birmingham, "stage-2", stage1Due);
        LocalDate stage3Due = due(birmingham, "stage-3", stage2Due);
        LocalDate stage4Due = due(birmingham, "stage-4", stage3Due);

        assertThat(stage2Due).isEqualTo(LocalDate.of(2026, 3, 19));   // day 13
        assertThat(stage3Due).isEqualTo(LocalDate.of(2026, 3, 24));   // day 16
        assertThat(stage4Due).isEqualTo(LocalDate.of(2026, 3, 30));   // day 20
        // Reached early, the Director of Practice is still due by day 20, not 20 working days after opening.
        assertThat(due(birmingham, "stage-4", LocalDate.of(2026, 3, 9))).isEqualTo(LocalDate.of(2026, 3, 30));
        assertThat(EscalationPolicy.statutoryDueDate(MONDAY_2_MARCH_2026, CALENDAR)).isEqualTo(stage4Due);
    }
}
