package uk.iro.disputes.kernel.calendar;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Business dates are the dates in London: a dispute raised at 00:30 BST is raised on that day, although it is
 * still the day before in UTC.
 */
public final class BusinessDate {
    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private BusinessDate() {
    }

    /** Today in London. The clock's own zone is ignored on purpose, so a server left in UTC cannot shift dates. */
    public static LocalDate today(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return LocalDate.ofInstant(clock.instant(), LONDON);
    }

    /** A stage due on D may still be answered all of D, so it is overdue only from the start of D+1 in London. */
    public static boolean hasPassed(LocalDate dueDate, Clock clock) {
        Objects.requireNonNull(dueDate, "dueDate");
        return today(clock).isAfter(dueDate);
    }
}
