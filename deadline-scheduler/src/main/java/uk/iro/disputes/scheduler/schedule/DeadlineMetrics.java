package uk.iro.disputes.scheduler.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.iro.disputes.scheduler.schedule.Deadline.Kind;

/**
 * iro_scheduler_deadlines_pending{kind} (read from the shared table, so every instance reports the whole schedule),
 * iro_scheduler_deadlines_fired_total{kind}, iro_scheduler_sends_failed_total{kind}, and
 * iro_scheduler_firing_lag_seconds: from the instant a deadline fell due to the command being accepted.
 */
public class DeadlineMetrics {
    private final MeterRegistry registry;

    public DeadlineMetrics(MeterRegistry registry, JdbcTemplate jdbc, String taskName) {
        this.registry = registry;
        for (Kind kind : Kind.values()) {
            Gauge.builder("iro.scheduler.deadlines.pending", () -> jdbc.queryForObject(
                            "SELECT count(*) FROM scheduled_tasks WHERE task_name = ? AND task_instance LIKE ?",
                            Long.class, taskName, "%/" + kind.id + "/%"))
                    .description("Deadlines scheduled and not yet fired or cancelled")
                    .tag("kind", kind.id)
                    .register(registry);
        }
    }

    void fired(Kind kind, Duration lag) {
        Counter.builder("iro.scheduler.deadlines.fired").tag("kind", kind.id).register(registry).increment();
        Timer.builder("iro.scheduler.firing.lag").tag("kind", kind.id).register(registry)
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }

    void failedSend(Kind kind) {
        Counter.builder("iro.scheduler.sends.failed").tag("kind", kind.id).register(registry).increment();
    }
}
