package uk.iro.disputes.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import uk.iro.disputes.scheduler.schedule.DeadlineMetrics;

/**
 * iro_scheduler_deadlines_pending{kind}: each kind's count of the schedule, from one grouped query that a burst of
 * scrapes shares. Runs against PostgreSQL, in a schema of its own holding the two columns the count reads.
 */
class DeadlineMetricsTest {
    private static final String SCHEMA = "metrics_test_" + UUID.randomUUID().toString().replace("-", "");
    private static final String TASK = "deadline";
    private static JdbcTemplate db;

    @BeforeAll
    static void schema() {
        SchedulerInstances.DB.execute("CREATE SCHEMA " + SCHEMA);
        db = new JdbcTemplate(new DriverManagerDataSource(SchedulerInstances.URL + "?currentSchema=" + SCHEMA,
                "postgres", ""));
        db.execute("CREATE TABLE scheduled_tasks (task_name TEXT NOT NULL, task_instance TEXT NOT NULL,"
                + " PRIMARY KEY (task_name, task_instance))");
    }

    @AfterAll
    static void drop() {
        SchedulerInstances.DB.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
    }

    @Test
    void eachKindIsCountedAndOtherTasksAreNot() {
        schedule(TASK, "d1/stage-overdue/informal", "d2/stage-overdue/level-1", "d1/due-soon/informal",
                "d3/total-timescale/total", "d4/monitoring-overdue/monitoring");
        schedule("another-task", "d5/stage-overdue/informal");
        MeterRegistry registry = new SimpleMeterRegistry();
        new DeadlineMetrics(registry, db, TASK, Duration.ZERO);

        assertThat(pending(registry, "stage-overdue")).isEqualTo(2);
        assertThat(pending(registry, "due-soon")).isEqualTo(1);
        assertThat(pending(registry, "total-timescale")).isEqualTo(1);
        assertThat(pending(registry, "monitoring-overdue")).isEqualTo(1);

        db.update("DELETE FROM scheduled_tasks WHERE task_instance = 'd1/stage-overdue/informal'");
        assertThat(pending(registry, "stage-overdue")).isEqualTo(1);
        db.update("DELETE FROM scheduled_tasks");
    }

    /** Within the maximum age every gauge answers from the same reading: a scrape costs one scan, not four. */
    @Test
    void aScrapeWithinTheMaximumAgeReadsTheTableOnce() {
        schedule(TASK, "e1/stage-overdue/informal");
        MeterRegistry registry = new SimpleMeterRegistry();
        new DeadlineMetrics(registry, db, TASK, Duration.ofHours(1));
        assertThat(pending(registry, "stage-overdue")).isEqualTo(1);

        schedule(TASK, "e2/stage-overdue/informal", "e2/due-soon/informal");
        assertThat(pending(registry, "stage-overdue")).isEqualTo(1);
        assertThat(pending(registry, "due-soon")).isZero();
        db.update("DELETE FROM scheduled_tasks");
    }

    private static void schedule(String task, String... instances) {
        for (String instance : instances) {
            db.update("INSERT INTO scheduled_tasks (task_name, task_instance) VALUES (?, ?)", task, instance);
        }
    }

    private static double pending(MeterRegistry registry, String kind) {
        return registry.get("iro.scheduler.deadlines.pending").tag("kind", kind).gauge().value();
    }
}
