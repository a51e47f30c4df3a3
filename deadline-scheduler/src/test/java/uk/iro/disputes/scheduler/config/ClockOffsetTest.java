package uk.iro.disputes.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** iro.clock.offset: the service's clock is real time moved by the offset, and real time when it is zero. */
class ClockOffsetTest {

    @Test
    void theClockIsRealTimeMovedByTheOffset() {
        Clock moved = new SchedulerConfiguration().clock(Duration.parse("P30D"));
        Instant expected = Instant.now().plus(Duration.ofDays(30));
        assertThat(Duration.between(expected, moved.instant()).abs()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void noOffsetIsRealTime() {
        Clock real = new SchedulerConfiguration().clock(Duration.ZERO);
        assertThat(Duration.between(Instant.now(), real.instant()).abs()).isLessThan(Duration.ofSeconds(5));
    }
}
