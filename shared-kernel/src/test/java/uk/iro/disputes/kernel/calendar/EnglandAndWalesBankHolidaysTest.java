package uk.iro.disputes.kernel.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Computed bank holidays against the lists published on gov.uk; dates are written out by hand. */
class EnglandAndWalesBankHolidaysTest {
    private static final EnglandAndWalesBankHolidays HOLIDAYS = EnglandAndWalesBankHolidays.standard();

    private static LocalDate date(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }

    private static LocalDate[] days(int year, int... monthDayPairs) {
        LocalDate[] dates = new LocalDate[monthDayPairs.length / 2];
        for (int i = 0; i < dates.length; i++) {
            dates[i] = date(year, monthDayPairs[2 * i], monthDayPairs[2 * i + 1]);
        }
        return dates;
    }

    @Test
    void publishedListsFor2020To2027() {
        assertThat(HOLIDAYS.datesIn(2020)).containsExactlyInAnyOrder(
                days(2020, 1, 1, 4, 10, 4, 13, 5, 8, 5, 25, 8, 31, 12, 25, 12, 28));
        assertThat(HOLIDAYS.datesIn(2021)).containsExactlyInAnyOrder(
                days(2021, 1, 1, 4, 2, 4, 5, 5, 3, 5, 31, 8, 30, 12, 27, 12, 28));
        assertThat(HOLIDAYS.datesIn(2022)).containsExactlyInAnyOrder(
                days(2022, 1, 3, 4, 15, 4, 18, 5, 2, 6, 2, 6, 3, 8, 29, 9, 19, 12, 26, 12, 27));
        assertThat(HOLIDAYS.datesIn(2023)).containsExactlyInAnyOrder(
                days(2023, 1, 2, 4, 7, 4, 10, 5, 1, 5, 8, 5, 29, 8, 28, 12, 25, 12, 26));
        assertThat(HOLIDAYS.datesIn(2024)).containsExactlyInAnyOrder(
                days(2024, 1, 1, 3, 29, 4, 1, 5, 6, 5, 27, 8, 26, 12, 25, 12, 26));
        assertThat(HOLIDAYS.datesIn(2025)).containsExactlyInAnyOrder(
                days(2025, 1, 1, 4, 18, 4, 21, 5, 5, 5, 26, 8, 25, 12, 25, 12, 26));
        assertThat(HOLIDAYS.datesIn(2026)).containsExactlyInAnyOrder(
                days(2026, 1, 1, 4, 3, 4, 6, 5, 4, 5, 25, 8, 31, 12, 25, 12, 28));
        assertThat(HOLIDAYS.datesIn(2027)).containsExactlyInAnyOrder(
                days(2027, 1, 1, 3, 26, 3, 29, 5, 3, 5, 31, 8, 30, 12, 27, 12, 28));
    }

    @Test
    void diamondJubilee2012MovesTheSpringHolidayAndAddsADay() {
        assertThat(HOLIDAYS.datesIn(2012)).containsExactlyInAnyOrder(
                days(2012, 1, 2, 4, 6, 4, 9, 5, 7, 6, 4, 6, 5, 8, 27, 12, 25, 12, 26));
        assertThat(HOLIDAYS.isBankHoliday(date(2012, 5, 28))).isFalse();
    }

    @Test
    void olderProclamationsFromTheDataFile() {
        // VE Day 50th: early May moved from Monday 1 to Monday 8 May 1995.
        assertThat(HOLIDAYS.isBankHoliday(date(1995, 5, 8))).isTrue();
        assertThat(HOLIDAYS.isBankHoliday(date(1995, 5, 1))).isFalse();
        // Millennium: Friday 31 December 1999, besides Christmas on a Saturday (Monday 27, Tuesday 28).
        assertThat(HOLIDAYS.datesIn(1999)).contains(date(1999, 12, 27), date(1999, 12, 28), date(1999, 12, 31));
        // Golden Jubilee: spring holiday moved from Monday 27 May to Tuesday 4 June 2002, extra Monday 3 June.
        assertThat(HOLIDAYS.datesIn(2002)).contains(date(2002, 6, 3), date(2002, 6, 4))
                .doesNotContain(date(2002, 5, 27));
        // Royal wedding: Friday 29 April 2011.
        assertThat(HOLIDAYS.isBankHoliday(date(2011, 4, 29))).isTrue();
        // VE Day 75th: Friday 8 May 2020, not Monday 4 May.
        assertThat(HOLIDAYS.isBankHoliday(date(2020, 5, 4))).isFalse();
        // Coronation: Monday 8 May 2023 besides Monday 1 May.
        assertThat(HOLIDAYS.datesIn(2023)).contains(date(2023, 5, 1), date(2023, 5, 8));
    }

    @Test
    void yearsWithoutProclamationsFollowTheRulesAlone() {
        Set<Integer> proclaimed = Set.of(1995, 1999, 2002, 2011, 2012, 2020, 2022, 2023);
        EnglandAndWalesBankHolidays rulesOnly = EnglandAndWalesBankHolidays.rulesOnly();
        IntStream.rangeClosed(1978, 2100).filter(year -> !proclaimed.contains(year)).forEach(year ->
                assertThat(HOLIDAYS.inYear(year)).as("%d", year).isEqualTo(rulesOnly.inYear(year)));
        proclaimed.forEach(year ->
                assertThat(HOLIDAYS.datesIn(year)).as("%d", year).isNotEqualTo(rulesOnly.datesIn(year)));
    }

    @Test
    void everyYearHasItsHolidaysOnWeekdaysInDateOrder() {
        for (int year = 1978; year <= 2200; year++) {
            int expectedYear = year;
            List<BankHoliday> holidays = HOLIDAYS.inYear(year);
            assertThat(holidays).as("%d", year).isSorted().hasSizeBetween(8, 10);
            assertThat(holidays).as("%d", year).allSatisfy(h -> {
                assertThat(h.date().getYear()).isEqualTo(expectedYear);
                assertThat(h.date().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            });
        }
    }

    @Test
    void newYearsDayOnASaturdayMovesToMonday3January() {
        assertThat(date(2022, 1, 1).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(HOLIDAYS.inYear(2022).get(0)).isEqualTo(
                new BankHoliday(date(2022, 1, 3), "New Year’s Day (substitute day)"));
        assertThat(HOLIDAYS.isBankHoliday(date(2022, 1, 1))).isFalse();
        assertThat(HOLIDAYS.inYear(2028).get(0).date()).isEqualTo(date(2028, 1, 3));
    }

    @Test
    void newYearsDayOnASundayMovesToMonday2January() {
        assertThat(date(2023, 1, 1).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(HOLIDAYS.inYear(2023).get(0).date()).isEqualTo(date(2023, 1, 2));
        assertThat(HOLIDAYS.inYear(2017).get(0).date()).isEqualTo(date(2017, 1, 2));
    }

    @Test
    void christmasOnASaturdayGivesMonday27AndTuesday28() {
        assertThat(date(2021, 12, 25).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(christmasOf(2021)).containsExactly(date(2021, 12, 27), date(2021, 12, 28));
        assertThat(christmasOf(2027)).containsExactly(date(2027, 12, 27), date(2027, 12, 28));
    }

    @Test
    void christmasOnASundayGivesBoxingDayMonday26AndTuesday27() {
        assertThat(date(2022, 12, 25).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(HOLIDAYS.inYear(2022).subList(8, 10)).containsExactly(
                new BankHoliday(date(2022, 12, 26), "Boxing Day"),
                new BankHoliday(date(2022, 12, 27), "Christmas Day (substitute day)"));
        assertThat(christmasOf(2016)).containsExactly(date(2016, 12, 26), date(2016, 12, 27));
    }

    @Test
    void boxingDayOnASaturdayMovesToMonday28() {
        assertThat(date(2026, 12, 26).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(christmasOf(2026)).containsExactly(date(2026, 12, 25), date(2026, 12, 28));
        assertThat(christmasOf(2020)).containsExactly(date(2020, 12, 25), date(2020, 12, 28));
    }

    private static List<LocalDate> christmasOf(int year) {
        return HOLIDAYS.inYear(year).stream().map(BankHoliday::date).filter(d -> d.getMonthValue() == 12).toList();
    }

    @ParameterizedTest
    @CsvSource({"2008-03-23", "2011-04-24", "2019-04-21", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28",
            "2038-04-25", "2285-03-22", "1818-03-22", "1943-04-25"})
    void easterSundayByTheGregorianAlgorithm(LocalDate easter) {
        assertThat(EnglandAndWalesBankHolidays.easterSunday(easter.getYear())).isEqualTo(easter);
    }

    @Test
    void aNewlyProclaimedDayIsAddedWithoutChangingTheStandardList() {
        BankHoliday proclaimed = new BankHoliday(date(2026, 6, 12), "Hypothetical proclaimed day");
        EnglandAndWalesBankHolidays withIt = HOLIDAYS.withAdditional(List.of(proclaimed));

        assertThat(withIt.inYear(2026)).contains(proclaimed).hasSize(9).isSorted();
        assertThat(withIt.isBankHoliday(date(2026, 6, 12))).isTrue();
        assertThat(HOLIDAYS.isBankHoliday(date(2026, 6, 12))).isFalse();
        // Days already on the list (say, from an overlapping gov.uk feed) change nothing.
        assertThat(withIt.withAdditional(List.of(new BankHoliday(date(2026, 12, 25), "Christmas Day"), proclaimed))
                .inYear(2026)).isEqualTo(withIt.inYear(2026));
    }

    @Test
    void yearsBeforeTheGregorianCalendarAreRefused() {
        assertThatThrownBy(() -> HOLIDAYS.inYear(1500)).isInstanceOf(IllegalArgumentException.class);
    }
}
