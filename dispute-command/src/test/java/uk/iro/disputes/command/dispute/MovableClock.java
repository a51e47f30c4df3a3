package uk.iro.disputes.command.dispute;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves from one business day to the next, as the process would take weeks. */
final class MovableClock extends Clock {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private volatile Instant now;

    MovableClock(LocalDate date) {
        setDate(date);
    }

    /** Midday in London on {@code date}: unambiguous whatever the season. */
    void setDate(LocalDate date) {
        now = date.atTime(LocalTime.NOON).atZone(LONDON).toInstant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
