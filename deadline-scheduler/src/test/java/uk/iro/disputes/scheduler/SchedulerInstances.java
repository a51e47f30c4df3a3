package uk.iro.disputes.scheduler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.policy.StageKey;
import uk.iro.disputes.scheduler.command.CommandPort;
import uk.iro.disputes.scheduler.schedule.DeadlineSchedule;

/**
 * Starts scheduler contexts against the local PostgreSQL with a movable clock and a recording port, and writes
 * events into dispute-command's event store the way its JDBC engine stores them (JSON in bytea).
 */
final class SchedulerInstances {
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/"
            + System.getenv().getOrDefault("IRO_TEST_DB", "iro_disputes");
    static final JdbcTemplate DB = new JdbcTemplate(new DriverManagerDataSource(URL, "postgres", ""));
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static volatile Clock clock;
    private static volatile CommandPort port;

    private SchedulerInstances() {
    }

    /** The test's clock and port replace the real ones (lite-mode bean methods, not picked up by scanning). */
    public static class TestBeans {
        @Bean
        @Primary
        Clock testClock() {
            return clock;
        }

        @Bean
        @Primary
        CommandPort testPort() {
            return port;
        }
    }

    /** An instance without due-soon reminders, so tests of missed deadlines see only those. */
    static ConfigurableApplicationContext start(MutableClock withClock, FakeCommandPort withPort) {
        return start(withClock, withPort, "--iro.scheduler.due-soon-working-days=-1");
    }

    static ConfigurableApplicationContext start(MutableClock withClock, FakeCommandPort withPort, String... args) {
        return startWith(new Class<?>[0], withClock, withPort, args);
    }

    /** As {@link #start(MutableClock, FakeCommandPort, String...)}, with the test's own configuration classes too. */
    static ConfigurableApplicationContext startWith(Class<?>[] sources, MutableClock withClock,
            FakeCommandPort withPort, String... args) {
        ensureEventStore();
        clock = withClock;
        port = withPort;
        Class<?>[] all = java.util.Arrays.copyOf(new Class<?>[] {DeadlineSchedulerApplication.class, TestBeans.class},
                2 + sources.length);
        System.arraycopy(sources, 0, all, 2, sources.length);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(all)
                // Arguments, not default properties: those lose to application.yaml.
                .run(withArgs(args, "--server.port=0",
                        "--spring.datasource.url=" + URL + "?currentSchema=disputes_scheduler",
                        "--iro.scheduler.polling-interval=200ms",
                        "--iro.scheduler.retry-backoff=500ms",
                        "--iro.scheduler.heartbeat-interval=1s",
                        // A new token starts at the end of the shared store, not at other builds' history.
                        "--iro.scheduler.start-at=head"));
        // The token row is written once the processor has taken its initial token (the head); on an empty event
        // store that token is null (everything after it is read), so the row, not a non-null token, is the sign.
        await("the processor's token", Duration.ofSeconds(30), () -> DB.queryForObject(
                "SELECT count(*) FROM disputes_scheduler.tokenentry WHERE processorname = ?",
                Integer.class, DeadlineSchedule.PROCESSOR) > 0);
        return context;
    }

    private static String[] withArgs(String[] extra, String... common) {
        String[] all = java.util.Arrays.copyOf(common, common.length + extra.length);
        System.arraycopy(extra, 0, all, common.length, extra.length);
        return all;
    }

    /** A machine where dispute-command never ran has no event store: create it from a copy of its migration. */
    static synchronized void ensureEventStore() {
        if (DB.queryForObject("SELECT to_regclass('disputes_command.domainevententry') IS NOT NULL", Boolean.class)) {
            return;
        }
        try {
            String ddl = new ClassPathResource("command-schema/V1__event_store.sql")
                    .getContentAsString(StandardCharsets.UTF_8);
            DB.execute("CREATE SCHEMA IF NOT EXISTS disputes_command");
            DB.execute("SET search_path TO disputes_command; " + ddl + "; SET search_path TO public");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A dispute id no other test has used. */
    static DisputeId newDispute() {
        return DisputeId.of(UUID.randomUUID().toString());
    }

    /** A formal stage, answered by a team manager, opened and due on the days given. */
    static StageOpened stageOpened(DisputeId id, StageKey stage, LocalDate openedOn, LocalDate dueDate) {
        return new StageOpened(id, stage, "Team Manager", Role.TEAM_MANAGER, null, true, openedOn, dueDate);
    }

    /** Streams {@link #append} wrote: bare ones (no DisputeRaised), removed when this module's tests end. */
    private static final java.util.Set<String> WRITTEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Appends events to one dispute's stream, numbered after whatever it holds already. */
    static void append(DisputeEvent... events) {
        for (DisputeEvent event : events) {
            String aggregate = event.disputeId().value();
            WRITTEN.add(aggregate);
            Long next = DB.queryForObject("SELECT coalesce(max(sequencenumber) + 1, 0) FROM"
                    + " disputes_command.domainevententry WHERE aggregateidentifier = ?", Long.class, aggregate);
            try {
                DB.update("INSERT INTO disputes_command.domainevententry (aggregateidentifier, sequencenumber, type,"
                                + " eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)"
                                + " VALUES (?, ?, 'Dispute', ?, ?, ?, '1', ?, ?)",
                        aggregate, next, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                        JSON.writeValueAsBytes(event), event.getClass().getName(), Instant.now().toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Removes the streams this module's tests wrote into the shared event store. They start without a DisputeRaised,
     * which dispute-command never stores; left there, a later build's dispute-query tests on the same database would
     * rebuild its read models from them.
     */
    static void removeWrittenStreams() {
        if (WRITTEN.isEmpty()) {
            return;
        }
        DB.update("DELETE FROM disputes_command.domainevententry WHERE aggregateidentifier = ANY (?)",
                (Object) WRITTEN.toArray(String[]::new));
        WRITTEN.clear();
    }

    /** Appends in one transaction: the processor sees these events together, as one batch if it can. */
    static void appendTogether(DisputeEvent... events) {
        new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(DB.getDataSource()))
                .executeWithoutResult(status -> append(events));
    }

    static int pending(String disputeId) {
        return DB.queryForObject("SELECT count(*) FROM disputes_scheduler.scheduled_tasks WHERE task_instance LIKE ?",
                Integer.class, disputeId + "/%");
    }

    /** The dispute's pending deadlines by instance id, sorted. */
    static java.util.List<String> scheduled(String disputeId) {
        return DB.queryForList("SELECT task_instance FROM disputes_scheduler.scheduled_tasks WHERE task_instance LIKE ?"
                + " ORDER BY task_instance", String.class, disputeId + "/%");
    }

    /** Until the processor's token has passed every event of these disputes (so the schedule reflects them all). */
    static void awaitProcessed(Duration atMost, String... disputeIds) {
        long last = DB.queryForObject("SELECT max(globalindex) FROM disputes_command.domainevententry"
                + " WHERE aggregateidentifier = ANY (?)", Long.class, (Object) disputeIds);
        await("the processor past global index " + last, atMost, () -> DB.queryForList(
                        "SELECT convert_from(token, 'UTF8') FROM disputes_scheduler.tokenentry WHERE processorname = ?"
                                + " AND token IS NOT NULL", String.class, DeadlineSchedule.PROCESSOR).stream()
                .anyMatch(token -> Long.parseLong(token.replaceAll("(?s).*\"index\":(\\d+).*", "$1")) >= last));
    }

    static void await(String what, Duration atMost, BooleanSupplier condition) {
        Instant until = Instant.now().plus(atMost);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
