package uk.iro.disputes.kernel.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Working-day arithmetic; expected dates are worked out by hand against the published bank holidays. */
class WorkingDayCalendarTest {
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.englandAndWales();

    private static LocalDate date(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }

    private static LocalDate add(LocalDate from, int days) {
        return CALENDAR.addWorkingDays(from, WorkingDays.of(days));
    }

    @Test
    void wakefieldStageOneAndTheStatutoryTwentyDaysFromMonday2March2026() {
        // March 2026 has no bank holidays; Good Friday is 3 April 2026.
        LocalDate raised = date(2026, 3, 2);
        assertThat(raised.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);

        assertThat(add(raised, 5)).isEqualTo(date(2026, 3, 9));
        assertThat(add(raised, 20)).isEqualTo(date(2026, 3, 30));
        assertThat(CALENDAR.workingDaysBetween(raised, date(2026, 3, 30))).isEqualTo(20);
    }

    @Test
    void theStartDayNeverCounts() {
        assertThat(add(date(2026, 3, 2), 1)).isEqualTo(date(2026, 3, 3));
    }

    @Test
    void fromAFriday() {
        assertThat(add(date(2026, 3, 6), 1)).isEqualTo(date(2026, 3, 9));
        assertThat(add(date(2026, 3, 6), 5)).isEqualTo(date(2026, 3, 13));
        assertThat(add(date(2026, 3, 6), 6)).isEqualTo(date(2026, 3, 16));
    }

    @Test
    void fromAWeekendTheNextWorkingDayIsDayOne() {
        assertThat(add(date(2026, 3, 7), 1)).isEqualTo(date(2026, 3, 9));
        assertThat(add(date(2026, 3, 8), 1)).isEqualTo(date(2026, 3, 9));
        assertThat(add(date(2026, 3, 7), 5)).isEqualTo(date(2026, 3, 13));
    }

    @Test
    void zeroWorkingDaysIsTheSameDayEvenOnAWeekend() {
        assertThat(add(date(2026, 3, 4), 0)).isEqualTo(date(2026, 3, 4));
        assertThat(add(date(2026, 3, 7), 0)).isEqualTo(date(2026, 3, 7));
        assertThat(CALENDAR.subtractWorkingDays(date(2026, 3, 7), WorkingDays.of(0))).isEqualTo(date(2026, 3, 7));
    }

    @Test
    void acrossEaster2025() {
        // Good Friday 18 April, Easter Monday 21 April 2025.
        assertThat(add(date(2025, 4, 17), 1)).isEqualTo(date(2025, 4, 22));
        assertThat(add(date(2025, 4, 18), 1)).isEqualTo(date(2025, 4, 22));
        assertThat(add(date(2025, 4, 16), 2)).isEqualTo(date(2025, 4, 22));
        assertThat(CALENDAR.workingDaysBetween(date(2025, 4, 17), date(2025, 4, 22))).isEqualTo(1);
    }

    @Test
    void acrossChristmasAndNewYear2026To2027() {
        // Friday 25 December, Monday 28 December (Boxing Day substitute), Friday 1 January.
        assertThat(add(date(2026, 12, 24), 1)).isEqualTo(date(2026, 12, 29));
        assertThat(add(date(2026, 12, 24), 3)).isEqualTo(date(2026, 12, 31));
        assertThat(add(date(2026, 12, 24), 4)).isEqualTo(date(2027, 1, 4));
        assertThat(add(date(2026, 12, 23), 10)).isEqualTo(date(2027, 1, 11));
        assertThat(CALENDAR.workingDaysBetween(date(2026, 12, 24), date(2027, 1, 4))).isEqualTo(4);
    }

    @Test
    void acrossThePlatinumJubilee2022() {
        // Thursday 2 and Friday 3 June were holidays; Monday 30 May was not, the spring holiday having moved.
        assertThat(add(date(2022, 6, 1), 1)).isEqualTo(date(2022, 6, 6));
        assertThat(add(date(2022, 5, 27), 1)).isEqualTo(date(2022, 5, 30));
        assertThat(add(date(2022, 5, 27), 4)).isEqualTo(date(2022, 6, 6));
        assertThat(CALENDAR.isWorkingDay(date(2022, 5, 30))).isTrue();
    }

    @Test
    void councilClosureDaysAreNotWorkingDays() {
        WorkingDayCalendar closed = CALENDAR.withClosureDays(List.of(date(2026, 3, 4), date(2026, 3, 5)));

        assertThat(closed.addWorkingDays(date(2026, 3, 2), WorkingDays.of(5))).isEqualTo(date(2026, 3, 11));
        assertThat(closed.isWorkingDay(date(2026, 3, 4))).isFalse();
        assertThat(closed.workingDaysBetween(date(2026, 3, 2), date(2026, 3, 11))).isEqualTo(5);
        assertThat(closed.previousWorkingDay(date(2026, 3, 6))).isEqualTo(date(2026, 3, 3));
        // The calendar it came from is unchanged.
        assertThat(add(date(2026, 3, 2), 5)).isEqualTo(date(2026, 3, 9));
    }

    @Test
    void closureDaysAccumulateAndWeekendOnesChangeNothing() {
        WorkingDayCalendar closed = CALENDAR.withClosureDays(List.of(date(2026, 3, 7)))
                .withClosureDays(List.of(date(2026, 3, 9)))
                .withClosureDays(List.of(date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)));

        assertThat(closed.addWorkingDays(date(2026, 3, 6), WorkingDays.of(1))).isEqualTo(date(2026, 3, 10));
        assertThat(closed.addWorkingDays(date(2026, 12, 24), WorkingDays.of(1))).isEqualTo(date(2027, 1, 4));
        assertThat(closed).hasToString("WorkingDayCalendar[England and Wales, 5 closure days]");
    }

    @Test
    void aDayProclaimedThroughTheApiMovesDueDates() {
        EnglandAndWalesBankHolidays proclaimed = EnglandAndWalesBankHolidays.standard()
                .withAdditional(List.of(new BankHoliday(date(2026, 3, 9), "Hypothetical proclaimed day")));
        WorkingDayCalendar calendar = WorkingDayCalendar.of(proclaimed);

        assertThat(calendar.addWorkingDays(date(2026, 3, 2), WorkingDays.of(5))).isEqualTo(date(2026, 3, 10));
        assertThat(calendar.isWorkingDay(date(2026, 3, 9))).isFalse();
        assertThat(add(date(2026, 3, 2), 5)).isEqualTo(date(2026, 3, 9));
    }

    @Test
    void workingDaysBetween() {
        assertThat(CALENDAR.workingDaysBetween(date(2026, 3, 4), date(2026, 3, 4))).isZero();
        assertThat(CALENDAR.workingDaysBetween(date(2026, 3, 6), date(2026, 3, 9))).isEqualTo(1);
        assertThat(CALENDAR.workingDaysBetween(date(2026, 3, 7), date(2026, 3, 8))).isZero();
        assertThat(CALENDAR.workingDaysBetween(date(2026, 3, 30), date(2026, 3, 2))).isEqualTo(-20);
        assertThat(CALENDAR.workingDaysBetween(date(2026, 1, 1), date(2027, 1, 1))).isEqualTo(253);
    }

    @Test
    void previousWorkingDayForOneDayBeforeReminders() {
        assertThat(CALENDAR.previousWorkingDay(date(2026, 3, 9))).isEqualTo(date(2026, 3, 6));
        assertThat(CALENDAR.previousWorkingDay(date(2026, 3, 10))).isEqualTo(date(2026, 3, 9));
        // Easter Monday 6 April and Good Friday 3 April 2026.
        assertThat(CALENDAR.previousWorkingDay(date(2026, 4, 7))).isEqualTo(date(2026, 4, 2));
        assertThat(CALENDAR.previousWorkingDay(date(2026, 12, 29))).isEqualTo(date(2026, 12, 24));
        assertThat(CALENDAR.subtractWorkingDays(date(2027, 1, 4), WorkingDays.of(4))).isEqualTo(date(2026, 12, 24));
    }

    @Test
    void isWorkingDay() {
        assertThat(CALENDAR.isWorkingDay(date(2026, 3, 6))).isTrue();
        assertThat(CALENDAR.isWorkingDay(date(2026, 3, 7))).isFalse();
        assertThat(CALENDAR.isWorkingDay(date(2026, 3, 8))).isFalse();
        assertThat(CALENDAR.isWorkingDay(date(2026, 4, 3))).isFalse();
        assertThat(CALENDAR.isWorkingDay(date(2026, 12, 28))).isFalse();
    }

    @Test
    void addingAndCountingAreInversesAndAgreeWithADayByDayCount() {
        WorkingDayCalendar closed = CALENDAR.withClosureDays(List.of(date(2023, 12, 27), date(2023, 12, 28),
                date(2023, 12, 29), date(2025, 8, 26)));
        for (WorkingDayCalendar calendar : List.of(CALENDAR, closed)) {
            for (LocalDate day = date(2020, 1, 1); day.getYear() <= 2027; day = day.plusDays(1)) {
                for (int n = 0; n <= 25; n++) {
                    LocalDate due = calendar.addWorkingDays(day, WorkingDays.of(n));
                    assertThat(due).as("%s + %d", day, n).isEqualTo(addOneDayAtATime(calendar, day, n));
                    assertThat(calendar.workingDaysBetween(day, due)).as("%s to %s", day, due).isEqualTo(n);
                    assertThat(calendar.workingDaysBetween(due, day)).isEqualTo(-n);

                    LocalDate before = calendar.subtractWorkingDays(day, WorkingDays.of(n));
                    assertThat(before).as("%s - %d", day, n).isEqualTo(subtractOneDayAtATime(calendar, day, n));
                    if (calendar.isWorkingDay(day)) {
                        assertThat(calendar.addWorkingDays(before, WorkingDays.of(n))).isEqualTo(day);
                    }
                }
            }
        }
    }

    @Test
    void isWorkingDayMatchesWeekdaysAndBankHolidays() {
        EnglandAndWalesBankHolidays holidays = EnglandAndWalesBankHolidays.standard();
        for (LocalDate day = date(1990, 1, 1); day.getYear() < 2040; day = day.plusDays(1)) {
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            assertThat(CALENDAR.isWorkingDay(day)).as("%s", day)
                    .isEqualTo(!weekend && !holidays.isBankHoliday(day));
        }
    }

    @Test
    void longSpansAreCountedWithoutWalkingThem() {
        LocalDate from = date(2001, 2, 3);
        LocalDate to = date(2039, 11, 17);
        int count = CALENDAR.workingDaysBetween(from, to);

        assertThat(count).isEqualTo(countOneDayAtATime(CALENDAR, from, to));
        assertThat(CALENDAR.addWorkingDays(from, WorkingDays.of(count))).isEqualTo(CALENDAR.isWorkingDay(to)
                ? to : CALENDAR.subtractWorkingDays(to, WorkingDays.of(1)));
    }

    @Test
    void aHundredThousandDueDatesAreQuick() {
        WorkingDayCalendar calendar = CALENDAR.withClosureDays(List.of(date(2026, 12, 29)));
        Assertions.assertTimeout(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 100_000; i++) {
                LocalDate raised = date(2020, 1, 1).plusDays(i % 3000);
                LocalDate due = calendar.addWorkingDays(raised, WorkingDays.of(20));
                calendar.workingDaysBetween(raised, due);
                calendar.previousWorkingDay(due);
            }
        });
    }

    @Test
    void isSafeToShareBetweenThreads() {
        WorkingDayCalendar fresh = WorkingDayCalendar.of(EnglandAndWalesBankHolidays.standard()
                .withAdditional(List.of()));
        List<LocalDate> parallel = IntStream.range(0, 20_000).parallel()
                .mapToObj(i -> fresh.addWorkingDays(date(1990, 1, 1).plusDays(i), WorkingDays.of(i % 30)))
                .toList();
        List<LocalDate> sequential = IntStream.range(0, 20_000)
                .mapToObj(i -> CALENDAR.addWorkingDays(date(1990, 1, 1).plusDays(i), WorkingDays.of(i % 30)))
                .toList();
        assertThat(parallel).isEqualTo(sequential);
    }

    @Test
    void workingDaysAreNeverNegative() {
        assertThatThrownBy(() -> WorkingDays.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(WorkingDays.of(0).count()).isZero();
        assertThat(new WorkingDays(5)).isEqualTo(WorkingDays.of(5));
    }

    // The obvious, slow way, as a reference for the arithmetic above.
    private static LocalDate addOneDayAtATime(WorkingDayCalendar calendar, LocalDate from, int n) {
        LocalDate day = from;
        for (int counted = 0; counted < n; ) {
            day = day.plusDays(1);
            if (calendar.isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    private static LocalDate subtractOneDayAtATime(WorkingDayCalendar calendar, LocalDate from, int n) {
        LocalDate day = from;
        for (int counted = 0; counted < n; ) {
            day = day.minusDays(1);
            if (calendar.isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    private static int countOneDayAtATime(WorkingDayCalendar calendar, LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (calendar.isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }
}
