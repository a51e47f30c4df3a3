package uk.iro.disputes.kernel.calendar;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts working days: Monday to Friday, minus bank holidays, minus a council's closure days.
 *
 * <p>"Within N working days of D" means the N-th working day after D; D itself never counts, even when it is a
 * working day, and from a weekend the next working day is day 1. {@link #workingDaysBetween} counts the same way,
 * so it is the inverse of {@link #addWorkingDays}.
 *
 * <p>Immutable and thread-safe. Working out a date costs a few weekday sums and binary searches in the year's
 * non-working weekdays (cached per year), never a walk over the days in between, so it is cheap enough to be
 * called for every open dispute.
 */
public final class WorkingDayCalendar {
    // Epoch day 0 (1 January 1970) is a Thursday; shifting by 3 makes weekday arithmetic start on a Monday.
    private static final long MONDAY_OFFSET = 3;

    private static final class EnglandAndWales {
        static final WorkingDayCalendar INSTANCE = new WorkingDayCalendar(EnglandAndWalesBankHolidays.standard(),
                new TreeSet<>());
    }

    private final EnglandAndWalesBankHolidays bankHolidays;
    private final NavigableSet<LocalDate> closureDays;
    /** Per year, the sorted epoch days of the weekdays that are not working days. */
    private final Map<Integer, long[]> nonWorkingWeekdays = new ConcurrentHashMap<>();

    private WorkingDayCalendar(EnglandAndWalesBankHolidays bankHolidays, NavigableSet<LocalDate> closureDays) {
        this.bankHolidays = bankHolidays;
        this.closureDays = closureDays;
    }

    /** England and Wales bank holidays, no closure days. */
    public static WorkingDayCalendar englandAndWales() {
        return EnglandAndWales.INSTANCE;
    }

    /** A calendar over other bank holidays, e.g. {@code standard().withAdditional(...)}, and no closure days. */
    public static WorkingDayCalendar of(EnglandAndWalesBankHolidays bankHolidays) {
        return new WorkingDayCalendar(Objects.requireNonNull(bankHolidays, "bankHolidays"), new TreeSet<>());
    }

    /**
     * This calendar with the council's closure days added to any it already has (e.g. the days between
     * Christmas and New Year). Closure days on a weekend change nothing.
     */
    public WorkingDayCalendar withClosureDays(Collection<LocalDate> days) {
        Objects.requireNonNull(days, "days");
        NavigableSet<LocalDate> merged = new TreeSet<>(closureDays);
        for (LocalDate day : days) {
            merged.add(Objects.requireNonNull(day, "closure day"));
        }
        return new WorkingDayCalendar(bankHolidays, merged);
    }

    public EnglandAndWalesBankHolidays bankHolidays() {
        return bankHolidays;
    }

    public boolean isWorkingDay(LocalDate date) {
        return isWeekday(date.toEpochDay()) && !isNonWorkingWeekday(date);
    }

    /** The N-th working day after {@code from} ({@code from} itself never counts); {@code from} when N is 0. */
    public LocalDate addWorkingDays(LocalDate from, WorkingDays days) {
        Objects.requireNonNull(from, "from");
        long candidate = from.toEpochDay();
        long remaining = days.count();
        // Jump the remaining number of weekdays, then make up for the holidays jumped over; ends on a working
        // day because the last weekday of a jump with no holiday in it is a working day.
        while (remaining > 0) {
            long next = weekdayAfter(candidate, remaining);
            remaining -= workingDaysIn(candidate, next);
            candidate = next;
        }
        return LocalDate.ofEpochDay(candidate);
    }

    /** The N-th working day before {@code from} ({@code from} itself never counts); {@code from} when N is 0. */
    public LocalDate subtractWorkingDays(LocalDate from, WorkingDays days) {
        Objects.requireNonNull(from, "from");
        long candidate = from.toEpochDay();
        long remaining = days.count();
        while (remaining > 0) {
            long previous = weekdayBefore(candidate, remaining);
            remaining -= workingDaysIn(previous - 1, candidate - 1);
            candidate = previous;
        }
        return LocalDate.ofEpochDay(candidate);
    }

    /** The last working day before {@code date}: when a "one working day before it is due" reminder goes out. */
    public LocalDate previousWorkingDay(LocalDate date) {
        return subtractWorkingDays(date, WorkingDays.of(1));
    }

    /**
     * The number of working days d with {@code from < d <= to}, so that
     * {@code workingDaysBetween(d, addWorkingDays(d, n)) == n}; 0 when the dates are equal, and negative (the same
     * count, mirrored) when {@code to} is before {@code from}.
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        long a = from.toEpochDay();
        long b = to.toEpochDay();
        return Math.toIntExact(a <= b ? workingDaysIn(a, b) : -workingDaysIn(b, a));
    }

    /** Working days in the epoch-day range (fromExclusive, toInclusive]; fromExclusive <= toInclusive. */
    private long workingDaysIn(long fromExclusive, long toInclusive) {
        long weekdays = weekdaysUpTo(toInclusive) - weekdaysUpTo(fromExclusive);
        if (weekdays == 0) {
            return 0;
        }
        int firstYear = LocalDate.ofEpochDay(fromExclusive + 1).getYear();
        int lastYear = LocalDate.ofEpochDay(toInclusive).getYear();
        long lost = 0;
        for (int year = firstYear; year <= lastYear; year++) {
            long[] days = nonWorkingWeekdays(year);
            lost += insertionPoint(days, toInclusive + 1) - insertionPoint(days, fromExclusive + 1);
        }
        return weekdays - lost;
    }

    /** Index of the first element >= key. */
    private static int insertionPoint(long[] sorted, long key) {
        int found = Arrays.binarySearch(sorted, key);
        return found >= 0 ? found : -found - 1;
    }

    private boolean isNonWorkingWeekday(LocalDate date) {
        return Arrays.binarySearch(nonWorkingWeekdays(date.getYear()), date.toEpochDay()) >= 0;
    }

    private long[] nonWorkingWeekdays(int year) {
        return nonWorkingWeekdays.computeIfAbsent(year, this::computeNonWorkingWeekdays);
    }

    private long[] computeNonWorkingWeekdays(int year) {
        TreeSet<LocalDate> days = new TreeSet<>(bankHolidays.datesIn(year));
        days.addAll(closureDays.subSet(LocalDate.of(year, 1, 1), true, LocalDate.of(year, 12, 31), true));
        // Weekends are already excluded by the weekday arithmetic; counting them here would count them twice.
        return days.stream().mapToLong(LocalDate::toEpochDay).filter(WorkingDayCalendar::isWeekday).toArray();
    }

    private static boolean isWeekday(long epochDay) {
        return Math.floorMod(epochDay + MONDAY_OFFSET, 7) < 5;
    }

    /** Weekdays from a fixed Monday up to and including the day: differences give weekdays in a range. */
    private static long weekdaysUpTo(long epochDay) {
        long shifted = epochDay + MONDAY_OFFSET;
        return Math.floorDiv(shifted, 7) * 5 + Math.min(Math.floorMod(shifted, 7) + 1, 5);
    }

    /** The day with the given {@link #weekdaysUpTo} count, a weekday. */
    private static long weekdayNumbered(long count) {
        return Math.floorDiv(count - 1, 5) * 7 + Math.floorMod(count - 1, 5) - MONDAY_OFFSET;
    }

    /** The n-th weekday after the day (n >= 1). */
    private static long weekdayAfter(long epochDay, long n) {
        return weekdayNumbered(weekdaysUpTo(epochDay) + n);
    }

    /** The n-th weekday before the day (n >= 1). */
    private static long weekdayBefore(long epochDay, long n) {
        return weekdayNumbered(weekdaysUpTo(epochDay - 1) - n + 1);
    }

    @Override
    public String toString() {
        return "WorkingDayCalendar[England and Wales, " + closureDays.size() + " closure days]";
    }
}
