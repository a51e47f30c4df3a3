package uk.iro.disputes.scheduler.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.iro.disputes.scheduler.schedule.Deadline.Kind;

/**
 * iro_scheduler_deadlines_pending{kind} (read from the shared table, so every instance reports the whole schedule),
 * iro_scheduler_deadlines_fired_total{kind}, iro_scheduler_sends_failed_total{kind}, and
 * iro_scheduler_firing_lag_seconds: from the instant a deadline fell due to the command being accepted.
 */
public class DeadlineMetrics {
    /** How old the pending counts may be when a scrape reads them. */
    public static final Duration PENDING_MAX_AGE = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    /** Held here: a gauge keeps only a weak reference to what it reads, and would report NaN once it is collected. */
    private final PendingCounts pending;

    public DeadlineMetrics(MeterRegistry registry, JdbcTemplate jdbc, String taskName) {
        this(registry, jdbc, taskName, PENDING_MAX_AGE);
    }

    public DeadlineMetrics(MeterRegistry registry, JdbcTemplate jdbc, String taskName, Duration pendingMaxAge) {
        this.registry = registry;
        this.pending = new PendingCounts(jdbc, taskName, pendingMaxAge);
        for (Kind kind : Kind.values()) {
            Gauge.builder("iro.scheduler.deadlines.pending", pending, counts -> counts.of(kind))
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

    /**
     * Every kind counted by one grouped query, kept for {@code maxAge}. No index serves the count (the kind is the
     * middle of the task instance, {@code <dispute>/<kind>/<stage>}), so each count reads the whole table: one
     * LIKE per kind on every scrape was four such scans, about 20 ms each with 100,000 deadlines scheduled (issue 8).
     */
    private static final class PendingCounts {
        private final JdbcTemplate jdbc;
        private final String taskName;
        private final long maxAgeNanos;
        private Map<Kind, Long> counts;
        private long readAt;

        PendingCounts(JdbcTemplate jdbc, String taskName, Duration maxAge) {
            this.jdbc = jdbc;
            this.taskName = taskName;
            this.maxAgeNanos = maxAge.toNanos();
        }

        synchronized long of(Kind kind) {
            long now = System.nanoTime();
            if (counts == null || now - readAt >= maxAgeNanos) {
                Map<Kind, Long> fresh = new EnumMap<>(Kind.class);
                for (Kind k : Kind.values()) {
                    fresh.put(k, 0L);
                }
                jdbc.query("SELECT split_part(task_instance, '/', 2), count(*) FROM scheduled_tasks"
                        + " WHERE task_name = ? GROUP BY 1", rs -> {
                            for (Kind k : Kind.values()) {
                                if (k.id.equals(rs.getString(1))) {
                                    fresh.put(k, rs.getLong(2));
                                }
                            }
                        }, taskName);
                counts = fresh;
                readAt = now;
            }
            return counts.get(kind);
        }
    }
}
