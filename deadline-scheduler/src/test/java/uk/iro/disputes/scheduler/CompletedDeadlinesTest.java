package uk.iro.disputes.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.scheduler.SchedulerInstances.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import uk.iro.disputes.scheduler.schedule.CompletedDeadlines;
import uk.iro.disputes.scheduler.schedule.DeadlineTask;

/**
 * Completed deadlines removed in groups, against PostgreSQL: the service's own migrations in a schema of this test's
 * own (so that the table can be renamed away without disturbing anything else), rows as db-scheduler leaves a
 * completed execution (picked, at the version it was picked with).
 */
class CompletedDeadlinesTest {
    private static final String SCHEMA = "completed_test_" + UUID.randomUUID().toString().replace("-", "");
    private static final String TASK = DeadlineTask.NAME;
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final Duration LONG = Duration.ofHours(1);
    private static CountingJdbcTemplate db;

    private CompletedDeadlines completed;

    /** Counts the statements the component sends (every one through {@code update}). */
    static final class CountingJdbcTemplate extends JdbcTemplate {
        final AtomicInteger updates = new AtomicInteger();

        CountingJdbcTemplate(javax.sql.DataSource dataSource) {
            super(dataSource);
        }

        @Override
        public int update(String sql, Object... args) {
            updates.incrementAndGet();
            return super.update(sql, args);
        }
    }

    @BeforeAll
    static void schema() {
        String url = SchedulerInstances.URL + "?currentSchema=" + SCHEMA;
        Flyway.configure().dataSource(url, "postgres", "").schemas(SCHEMA).defaultSchema(SCHEMA)
                .locations("classpath:db/migration/scheduler").load().migrate();
        db = new CountingJdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
    }

    @AfterAll
    static void drop() {
        SchedulerInstances.DB.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
    }

    @BeforeEach
    void empty() {
        db.update("DELETE FROM scheduled_tasks");
    }

    @AfterEach
    void close() {
        if (completed != null) {
            completed.close();
        }
    }

    /** A row as a completed execution leaves it: picked by this instance, at {@code version}. */
    private static void picked(String instance, long version) {
        db.update("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,"
                + " last_heartbeat, version) VALUES (?, ?, now(), true, 'this-instance', now(), ?)", TASK, instance,
                version);
    }

    private static List<String> rows() {
        return db.queryForList("SELECT task_instance FROM scheduled_tasks ORDER BY task_instance", String.class);
    }

    @Test
    void executionsCompletedTogetherAreRemovedInOneStatementAtTheVersionTheyCompletedWith() {
        for (int i = 1; i <= 5; i++) {
            picked("d" + i + "/stage-overdue/s", 2);
        }
        picked("revived/stage-overdue/s", 3); // revived elsewhere (version 3) after completing here at version 2
        picked("other/stage-overdue/s", 2);
        db.updates.set(0);
        completed = new CompletedDeadlines(db, Duration.ofMillis(300), 100);

        for (int i = 1; i <= 5; i++) {
            completed.completed(TASK, "d" + i + "/stage-overdue/s", 2);
        }
        completed.completed(TASK, "revived/stage-overdue/s", 2);
        await("the group removed", WITHIN, () -> completed.waiting() == 0 && rows().size() == 2);

        assertThat(rows()).containsExactly("other/stage-overdue/s", "revived/stage-overdue/s");
        assertThat(db.updates).as("statements").hasValue(1);
    }

    @Test
    void aFullGroupIsRemovedWithoutWaitingForTheInterval() {
        for (int i = 1; i <= 3; i++) {
            picked("d" + i + "/stage-overdue/s", 2);
        }
        db.updates.set(0);
        completed = new CompletedDeadlines(db, LONG, 3);

        for (int i = 1; i <= 3; i++) {
            completed.completed(TASK, "d" + i + "/stage-overdue/s", 2);
        }
        await("the full group removed", WITHIN, () -> rows().isEmpty());
        assertThat(db.updates).as("statements").hasValue(1);
    }

    @Test
    void closingRemovesWhatIsWaitingAndACompletionAfterThatIsRemovedAtOnce() throws InterruptedException {
        picked("d1/stage-overdue/s", 2);
        picked("d2/stage-overdue/s", 2);
        picked("d3/stage-overdue/s", 2);
        db.updates.set(0);
        completed = new CompletedDeadlines(db, LONG, 100);
        completed.completed(TASK, "d1/stage-overdue/s", 2);
        completed.completed(TASK, "d2/stage-overdue/s", 2);
        Thread.sleep(300);
        assertThat(completed.waiting()).isEqualTo(2);
        assertThat(rows()).hasSize(3);

        completed.close();
        assertThat(completed.waiting()).isZero();
        assertThat(rows()).containsExactly("d3/stage-overdue/s");

        completed.completed(TASK, "d3/stage-overdue/s", 2);
        assertThat(rows()).isEmpty();
    }

    @Test
    void aFailedRemovalKeepsItsExecutionsAndRemovesThemAtALaterAttempt() {
        picked("d1/stage-overdue/s", 2);
        picked("d2/stage-overdue/s", 2);
        db.updates.set(0);
        completed = new CompletedDeadlines(db, Duration.ofMillis(50), 100);
        db.execute("ALTER TABLE scheduled_tasks RENAME TO scheduled_tasks_away");
        try {
            completed.completed(TASK, "d1/stage-overdue/s", 2);
            completed.completed(TASK, "d2/stage-overdue/s", 2);
            await("two failed attempts", WITHIN, () -> completed.failures() >= 2);
            assertThat(completed.waiting()).isEqualTo(2);
        } finally {
            db.execute("ALTER TABLE scheduled_tasks_away RENAME TO scheduled_tasks");
        }
        await("the removal once the table is back", WITHIN, () -> completed.waiting() == 0 && rows().isEmpty());
    }
}
