package uk.iro.disputes.query.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.context.annotation.Import;
import uk.iro.disputes.query.projection.ProjectionStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.policy.PolicyCatalogue;

/**
 * The running query service on a random port against the local PostgreSQL (database iro_disputes: the command
 * schema's event table, read-only for the service, and the query schema), trusting {@link TestTokens}. Events are
 * recorded by the real dispute-command ({@link RealDispute}, through {@link CommandService}) or, where real time
 * will not do, written with {@link StoreWriter} / {@link Ladder}; always under fresh random dispute ids, so tests
 * share the database (and the events other modules' tests left in it) without stepping on each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestSupportConfiguration.class)
public abstract class QueryServiceTest {
    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected DataSource dataSource;
    @Autowired
    @Qualifier("eventSerializer")
    protected Serializer eventSerializer;
    @Autowired
    protected EventSchema eventSchema;
    @Autowired
    protected PolicyCatalogue policies;
    @Autowired
    protected WorkingDayCalendar calendar;
    @Autowired
    protected MutableClock clock;
    @Autowired
    protected ProjectionStatus projection;
    @Autowired
    protected FailureInjection failures;
    @Autowired
    protected org.axonframework.eventsourcing.eventstore.EventStore axonEventStore;
    /** How long a read-your-writes request waits in these tests. */
    protected static final Duration MIN_VERSION_WAIT = Duration.ofSeconds(4);
    /** The event store's poll interval in these tests. */
    protected static final Duration EVENT_FETCH_DELAY = Duration.ofMillis(150);

    protected Api api;
    protected StoreWriter store;

    @DynamicPropertySource
    static void testSetUp(DynamicPropertyRegistry registry) {
        CommandSchema.ensure();
        CommandService.startInBackground();
        registry.add("iro.security.jwt.public-key", TestTokens::publicKeyPem);
        registry.add("iro.security.jwt.issuer", () -> TestTokens.ISSUER);
        registry.add("spring.datasource.url", () -> CommandSchema.URL + "?currentSchema=disputes_query");
        // Long enough for a loaded CI machine (a 1.5 s wait once answered 503 there), short enough for the 503 test.
        registry.add("iro.query.min-version-wait", () -> MIN_VERSION_WAIT.toMillis() + "ms");
        registry.add("iro.query.event-fetch-delay", () -> EVENT_FETCH_DELAY.toMillis() + "ms");
        // Tests run the sweep for skipped events themselves, when they mean to.
        registry.add("iro.query.sweep-interval", () -> "1h");
    }

    /** The disputes this test made the projection fail for; healed when it ends. */
    private final List<String> failing = new ArrayList<>();

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @AfterEach
    void healFailures() {
        failing.forEach(failures::heal);
        failing.clear();
    }

    /** Makes the projection fail for this dispute (see {@link FailureInjection}) until healed or the test ends. */
    protected void failFor(Ladder d) {
        failing.add(d.idValue());
        failures.failFor(d.idValue());
    }

    /** An administrator's token. */
    protected static String admin() {
        return TestTokens.token("admin-1", uk.iro.disputes.kernel.dispute.Role.ADMIN);
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        store = new StoreWriter(dataSource, eventSerializer, eventSchema);
    }

    /** A walk under the newest version of a bundled policy. */
    protected Ladder ladder(String policyId) {
        return new Ladder(store, policies.latest(policyId).orElseThrow(), calendar);
    }

    /**
     * A dispute driven through the real dispute-command (started once per test run, see {@link CommandService}),
     * under the newest version of a bundled policy.
     */
    protected RealDispute realDispute(String policyId) {
        return new RealDispute(CommandService.instance().api(), policies.latest(policyId).orElseThrow(),
                id -> axonEventStore.readEvents(id).asStream().toList(), store);
    }

    /** Waits for the projection to reach the version the real command service last answered. */
    protected void awaitProjected(RealDispute d) {
        awaitVersion(d.idValue(), d.version());
    }

    /**
     * Waits for the projection to have caught up with a dispute's version: up to 2 minutes, as a fresh schema
     * first projects every event other modules' tests left in the store.
     */
    protected void awaitProjected(Ladder ladder) {
        awaitVersion(ladder.idValue(), ladder.version());
    }

    /** How many of the dispute's events the dead-letter queue holds. */
    protected long parked(Ladder d) {
        return jdbc.sql("SELECT count(*) FROM disputes_query.deadletterentry WHERE sequenceidentifier = :id")
                .param("id", d.idValue()).query(Long.class).single();
    }

    /** The version the dispute's read-model row holds (it must have one). */
    protected long rowVersion(Ladder d) {
        return jdbc.sql("SELECT version FROM disputes_query.dispute WHERE dispute_id = :id")
                .param("id", d.idValue()).query(Long.class).single();
    }

    /** The version the dispute's read-model row holds; -1 if it has none. */
    protected long projectedVersion(Ladder d) {
        return jdbc.sql("SELECT COALESCE(max(version), -1) FROM disputes_query.dispute WHERE dispute_id = :id")
                .param("id", d.idValue()).query(Long.class).single();
    }

    /** The global index of the stream's first event. */
    protected long globalIndexOf(Ladder d) {
        return globalIndexOf(d.idValue());
    }

    protected long globalIndexOf(String streamId) {
        return jdbc.sql("SELECT min(globalindex) FROM disputes_command.domainevententry WHERE aggregateidentifier = :id")
                .param("id", streamId).query(Long.class).single();
    }

    private void awaitVersion(String id, long version) {
        awaitFor("dispute " + id + " projected to version " + version, 120, () -> jdbc
                .sql("SELECT count(*) FROM disputes_query.dispute WHERE dispute_id = :id AND version >= :v")
                .param("id", id).param("v", version).query(Long.class).single() > 0);
    }

    /** Waits (up to 60 s) until the projection has handled every event in the store when called. */
    protected void awaitCaughtUp() {
        long head = projection.headIndex();
        awaitFor("the projection to reach global index " + head, 60, () -> projection.lowestPosition() >= head);
    }

    protected static void await(String what, BooleanSupplier condition) {
        awaitFor(what, 20, condition);
    }

    protected static void awaitFor(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
