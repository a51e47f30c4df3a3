package uk.iro.disputes.kernel.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The England and Wales bank holidays of any year: computed by the Banking and Financial Dealings Act rules
 * (with substitute days), then corrected by the moved and extra days proclaimed over the years, which are kept
 * as data in {@value BankHolidayExceptions#BUNDLED}. Computing rather than listing means no year ever "runs out".
 *
 * <p>The rules are those in force since 1978 (when the early May bank holiday began); earlier years are computed
 * with the same rules and are not historically accurate. Immutable and thread-safe; each year is computed once.
 */
public final class EnglandAndWalesBankHolidays {
    private static final String SUBSTITUTE = " (substitute day)";
    // The Easter algorithm is for the Gregorian calendar only.
    private static final int FIRST_GREGORIAN_EASTER = 1583;

    private final BankHolidayExceptions exceptions;
    private final Map<Integer, List<BankHoliday>> additionalByYear;
    private final Map<Integer, Year> years = new ConcurrentHashMap<>();

    private record Year(List<BankHoliday> holidays, Set<LocalDate> dates) {
    }

    private EnglandAndWalesBankHolidays(BankHolidayExceptions exceptions,
            Map<Integer, List<BankHoliday>> additionalByYear) {
        this.exceptions = exceptions;
        this.additionalByYear = additionalByYear;
    }

    // Loaded once, on first use, so a broken data file fails the first caller rather than class loading.
    private static final class Bundled {
        static final EnglandAndWalesBankHolidays INSTANCE =
                new EnglandAndWalesBankHolidays(BankHolidayExceptions.bundled(), Map.of());
    }

    /** The rules plus the bundled moved and extra days. */
    public static EnglandAndWalesBankHolidays standard() {
        return Bundled.INSTANCE;
    }

    /** The rules alone, without any proclaimed change; for tests and comparisons. */
    static EnglandAndWalesBankHolidays rulesOnly() {
        return new EnglandAndWalesBankHolidays(BankHolidayExceptions.NONE, Map.of());
    }

    /**
     * These holidays plus days proclaimed since the data file was written (or loaded from gov.uk, see
     * {@link BankHolidayFeed}). A day that is already a holiday is ignored, so an overlapping feed is harmless;
     * a day can only be added this way, not moved (a move needs an entry in the data file).
     */
    public EnglandAndWalesBankHolidays withAdditional(Collection<BankHoliday> days) {
        Objects.requireNonNull(days, "days");
        Map<Integer, List<BankHoliday>> merged = new HashMap<>();
        additionalByYear.forEach((year, list) -> merged.put(year, new ArrayList<>(list)));
        for (BankHoliday day : days) {
            merged.computeIfAbsent(Objects.requireNonNull(day, "day").date().getYear(), y -> new ArrayList<>())
                    .add(day);
        }
        merged.replaceAll((year, list) -> List.copyOf(list));
        return new EnglandAndWalesBankHolidays(exceptions, Map.copyOf(merged));
    }

    /** The year's bank holidays, in date order. */
    public List<BankHoliday> inYear(int year) {
        return year(year).holidays();
    }

    /** The year's bank holiday dates. */
    public Set<LocalDate> datesIn(int year) {
        return year(year).dates();
    }

    public boolean isBankHoliday(LocalDate date) {
        return year(date.getYear()).dates().contains(date);
    }

    private Year year(int year) {
        return years.computeIfAbsent(year, this::compute);
    }

    private Year compute(int year) {
        Map<LocalDate, BankHoliday> days = new TreeMap<>();
        for (BankHoliday day : byRule(year)) {
            days.put(day.date(), day);
        }
        for (BankHolidayExceptions.Moved moved : exceptions.movedIn(year)) {
            days.remove(moved.replaces());
            days.put(moved.date(), new BankHoliday(moved.date(), moved.title()));
        }
        for (BankHoliday extra : exceptions.extraIn(year)) {
            days.putIfAbsent(extra.date(), extra);
        }
        for (BankHoliday additional : additionalByYear.getOrDefault(year, List.of())) {
            days.putIfAbsent(additional.date(), additional);
        }
        List<BankHoliday> holidays = List.copyOf(days.values());
        return new Year(holidays, Set.copyOf(days.keySet()));
    }

    /** The holidays the standing rules give for a year, before any proclaimed change. */
    static List<BankHoliday> byRule(int year) {
        if (year < FIRST_GREGORIAN_EASTER) {
            throw new IllegalArgumentException("bank holidays are not computed for years before "
                    + FIRST_GREGORIAN_EASTER + ": " + year);
        }
        List<BankHoliday> days = new ArrayList<>(8);

        LocalDate newYear = LocalDate.of(year, Month.JANUARY, 1);
        days.add(isWeekend(newYear)
                ? new BankHoliday(nextMonday(newYear), "New Year’s Day" + SUBSTITUTE)
                : new BankHoliday(newYear, "New Year’s Day"));

        LocalDate easter = easterSunday(year);
        days.add(new BankHoliday(easter.minusDays(2), "Good Friday"));
        days.add(new BankHoliday(easter.plusDays(1), "Easter Monday"));

        LocalDate may = LocalDate.of(year, Month.MAY, 1);
        days.add(new BankHoliday(may.with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)),
                "Early May bank holiday"));
        days.add(new BankHoliday(may.with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)), "Spring bank holiday"));
        days.add(new BankHoliday(LocalDate.of(year, Month.AUGUST, 1).with(TemporalAdjusters.lastInMonth(
                DayOfWeek.MONDAY)), "Summer bank holiday"));

        LocalDate christmas = LocalDate.of(year, Month.DECEMBER, 25);
        switch (christmas.getDayOfWeek()) {
            case SATURDAY -> {
                days.add(new BankHoliday(christmas.plusDays(2), "Christmas Day" + SUBSTITUTE));
                days.add(new BankHoliday(christmas.plusDays(3), "Boxing Day" + SUBSTITUTE));
            }
            // Boxing Day falls on Monday 26 itself, so it is Christmas that moves to the Tuesday.
            case SUNDAY -> {
                days.add(new BankHoliday(christmas.plusDays(1), "Boxing Day"));
                days.add(new BankHoliday(christmas.plusDays(2), "Christmas Day" + SUBSTITUTE));
            }
            case FRIDAY -> {
                days.add(new BankHoliday(christmas, "Christmas Day"));
                days.add(new BankHoliday(christmas.plusDays(3), "Boxing Day" + SUBSTITUTE));
            }
            default -> {
                days.add(new BankHoliday(christmas, "Christmas Day"));
                days.add(new BankHoliday(christmas.plusDays(1), "Boxing Day"));
            }
        }
        return days;
    }

    /** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    private static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    private static LocalDate nextMonday(LocalDate date) {
        return date.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }

    @Override
    public String toString() {
        int additional = additionalByYear.values().stream().mapToInt(List::size).sum();
        return "EnglandAndWalesBankHolidays[" + additional + " additional days]";
    }
}
