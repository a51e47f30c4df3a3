package uk.iro.disputes.kernel.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Business dates are London dates, whatever the clock's zone. */
class BusinessDateTest {

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void justAfterMidnightBritishSummerTimeIsAlreadyTheNextDay() {
        // British Summer Time began at 01:00 UTC on 29 March 2026, so 23:30 UTC is 00:30 on 30 March in London.
        assertThat(BusinessDate.today(at("2026-03-29T23:30:00Z"))).isEqualTo(LocalDate.of(2026, 3, 30));
        assertThat(BusinessDate.today(at("2026-03-29T22:59:59Z"))).isEqualTo(LocalDate.of(2026, 3, 29));
    }

    @Test
    void inWinterLondonIsOnUtc() {
        assertThat(BusinessDate.today(at("2026-01-10T23:30:00Z"))).isEqualTo(LocalDate.of(2026, 1, 10));
        assertThat(BusinessDate.today(at("2026-01-11T00:00:00Z"))).isEqualTo(LocalDate.of(2026, 1, 11));
    }

    @Test
    void theClocksOwnZoneIsIgnored() {
        Clock newYork = Clock.fixed(Instant.parse("2026-03-29T23:30:00Z"), ZoneId.of("America/New_York"));
        assertThat(BusinessDate.today(newYork)).isEqualTo(LocalDate.of(2026, 3, 30));
        assertThat(BusinessDate.LONDON).isEqualTo(ZoneId.of("Europe/London"));
    }

    @Test
    void aStageIsOverdueFromTheStartOfTheDayAfterItIsDue() {
        LocalDate due = LocalDate.of(2026, 3, 9);
        assertThat(BusinessDate.hasPassed(due, at("2026-03-08T12:00:00Z"))).isFalse();
        assertThat(BusinessDate.hasPassed(due, at("2026-03-09T00:00:00Z"))).isFalse();
        assertThat(BusinessDate.hasPassed(due, at("2026-03-09T23:59:59Z"))).isFalse();
        assertThat(BusinessDate.hasPassed(due, at("2026-03-10T00:00:00Z"))).isTrue();
    }

    @Test
    void overdueFollowsLondonMidnightInSummer() {
        LocalDate due = LocalDate.of(2026, 3, 29);
        // 23:30 UTC on the 29th is already 30 March in London.
        assertThat(BusinessDate.hasPassed(due, at("2026-03-29T22:30:00Z"))).isFalse();
        assertThat(BusinessDate.hasPassed(due, at("2026-03-29T23:30:00Z"))).isTrue();
    }
}
