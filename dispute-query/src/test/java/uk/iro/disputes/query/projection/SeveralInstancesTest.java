package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.policy.PolicyCatalogue;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.kernel.state.StageState;
import uk.iro.disputes.query.DisputeQueryApplication;
import uk.iro.disputes.query.support.CommandSchema;
import uk.iro.disputes.query.support.CommandService;
import uk.iro.disputes.query.support.RealDispute;
import uk.iro.disputes.query.support.StoreWriter;
import uk.iro.disputes.query.support.TestTokens;

/**
 * Two instances of the query service (two contexts in this JVM) on one schema of their own, the projection in
 * four segments: they split the segments between them (as the token claims show), every event of a batch of
 * disputes recorded by the real dispute-command is applied exactly once (a log written in the projection's own
 * transaction, so only committed work counts) and every dispute row is the fold of its stream; when one instance
 * stops, the other takes over its segments and projects what comes next.
 */
class SeveralInstancesTest {
    static final String SCHEMA = "disputes_query_instances";
    static final String LOG = "disputes_query_instances_log";
    static final String[] POLICIES = {"wakefield", "birmingham", "group-manager-ladder", "warwickshire", "durham"};

    private final JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(CommandSchema.URL, CommandSchema.USER, ""));
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void twoInstancesShareTheSegmentsAndOneTakesOverWhenTheOtherStops() {
        CommandService command = CommandService.instance();
        jdbc.sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").update();
        jdbc.sql("CREATE SCHEMA IF NOT EXISTS " + LOG).update();
        jdbc.sql("CREATE TABLE IF NOT EXISTS " + LOG + ".applied (instance_id text NOT NULL, dispute_id text NOT NULL,"
                + " sequence bigint NOT NULL)").update();
        jdbc.sql("TRUNCATE " + LOG + ".applied").update();

        ConfigurableApplicationContext a = start("query-a");
        ConfigurableApplicationContext b = start("query-b");

        awaitFor("the four segments split two and two", 90, () -> owners().equals(Map.of("query-a", 2L, "query-b", 2L)));

        Random random = new Random(seed());
        List<RealDispute> first = batch(a, command, random, 12);
        awaitProjected(first);
        assertProjectedOnceAndCorrectly(a, first);
        Map<String, Long> byInstance = appliedByInstance(first);
        assertThat(byInstance.keySet()).as("both instances projected part of the batch: " + byInstance)
                .containsExactlyInAnyOrder("query-a", "query-b");
        assertThat(owners()).isEqualTo(Map.of("query-a", 2L, "query-b", 2L));

        b.close();
        awaitFor("query-a to take over every segment", 60, () -> owners().equals(Map.of("query-a", 4L)));

        List<RealDispute> second = batch(a, command, random, 8);
        // and one of the first batch moves on, in whichever segment it falls
        RealDispute moving = first.get(0);
        if (moving.state().isOpen()) {
            moving.legalAdvice();
        }
        second.add(moving);
        awaitProjected(second);
        assertProjectedOnceAndCorrectly(a, first);
        assertProjectedOnceAndCorrectly(a, second);
        assertThat(owners()).isEqualTo(Map.of("query-a", 4L));
    }

    private ConfigurableApplicationContext start(String instanceId) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DisputeQueryApplication.class,
                AppliedLog.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + CommandSchema.URL + "?currentSchema=" + SCHEMA,
                "--spring.datasource.hikari.maximum-pool-size=6",
                "--spring.flyway.schemas=" + SCHEMA,
                "--spring.flyway.default-schema=" + SCHEMA,
                "--iro.security.jwt.public-key=" + TestTokens.publicKeyPem(),
                "--iro.security.jwt.issuer=" + TestTokens.ISSUER,
                "--iro.query.instance-id=" + instanceId,
                "--iro.query.sweep-interval=1h",
                "--iro.query.projection.heartbeat=1s",
                "--axon.eventhandling.processors.dispute-projection.initial-segment-count=4",
                "--axon.eventhandling.processors.dispute-projection.token-claim-interval=1000");
        running.add(context);
        return context;
    }

    /** Disputes raised and walked a few random steps by the real command service. */
    private static List<RealDispute> batch(ConfigurableApplicationContext context, CommandService command,
            Random random, int size) {
        PolicyCatalogue policies = context.getBean(PolicyCatalogue.class);
        EventStore store = context.getBean(EventStore.class);
        List<RealDispute> disputes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            RealDispute d = new RealDispute(command.api(),
                    policies.latest(POLICIES[random.nextInt(POLICIES.length)]).orElseThrow(),
                    id -> store.readEvents(id).asStream().toList(), (StoreWriter) null);
            d.raise(d.policy().informalResolution().isPresent() && random.nextBoolean() ? Track.INFORMAL : Track.FORMAL);
            for (int step = random.nextInt(4); step > 0 && d.state().isOpen(); step--) {
                StageState current = d.state().currentStage().orElseThrow();
                int move = random.nextInt(4);
                if (move == 0 && !current.isAnswered()) {
                    d.respond(StaffReference.of("resp-" + step, current.assigneeRole()), "Response " + step,
                            new PlannedAction("Follow up", StaffReference.of("sw-" + step, Role.SOCIAL_WORKER),
                                    RealDispute.today().plusDays(5)));
                } else if (move == 1 && d.policy().stageAfter(current.key()).isPresent()) {
                    d.escalate(null);
                } else if (move == 2) {
                    d.resolve(ResolutionOutcome.RESOLVED);
                } else {
                    d.legalAdvice();
                }
            }
            disputes.add(d);
        }
        return disputes;
    }

    private void awaitProjected(List<RealDispute> disputes) {
        for (RealDispute d : disputes) {
            awaitFor("dispute " + d.idValue() + " projected to version " + d.version(), 120, () -> jdbc
                    .sql("SELECT count(*) FROM " + SCHEMA + ".dispute WHERE dispute_id = :id AND version >= :v")
                    .param("id", d.idValue()).param("v", d.version()).query(Long.class).single() > 0);
        }
    }

    /** Each event applied once, by one instance; each row the fold of the dispute's stored stream. */
    private void assertProjectedOnceAndCorrectly(ConfigurableApplicationContext context, List<RealDispute> disputes) {
        for (RealDispute d : disputes) {
            List<DisputeEvent> events = d.events();
            List<Long> sequences = jdbc.sql("SELECT sequence FROM " + LOG + ".applied WHERE dispute_id = :id"
                            + " ORDER BY sequence").param("id", d.idValue()).query(Long.class).list();
            List<Long> expected = new ArrayList<>();
            for (long s = 0; s < events.size(); s++) {
                expected.add(s);
            }
            assertThat(sequences).as("events of " + d.idValue() + " applied").isEqualTo(expected);
            String state = jdbc.sql("SELECT state::text FROM " + SCHEMA + ".dispute WHERE dispute_id = :id")
                    .param("id", d.idValue()).query(String.class).single();
            assertThat(StateJson.read(state)).isEqualTo(DisputeState.of(events));
        }
    }

    private Map<String, Long> appliedByInstance(List<RealDispute> disputes) {
        Map<String, Long> counts = new HashMap<>();
        for (RealDispute d : disputes) {
            jdbc.sql("SELECT instance_id, count(*) FROM " + LOG + ".applied WHERE dispute_id = :id GROUP BY 1")
                    .param("id", d.idValue())
                    .query((rs, i) -> counts.merge(rs.getString(1), rs.getLong(2), Long::sum)).list();
        }
        return counts;
    }

    /** Segments per owner, as the token table records the claims. */
    private Map<String, Long> owners() {
        Map<String, Long> owners = new HashMap<>();
        jdbc.sql("SELECT COALESCE(owner, '(unclaimed)'), count(*) FROM " + SCHEMA + ".tokenentry"
                        + " WHERE processorname = 'dispute-projection' GROUP BY 1")
                .query((rs, i) -> owners.put(rs.getString(1), rs.getLong(2))).list();
        return owners;
    }

    private static long seed() {
        long seed = System.nanoTime();
        System.out.println("SeveralInstancesTest seed " + seed);
        return seed;
    }

    private static void awaitFor(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
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

    /** Logs each event the instance applies, in the projection's transaction: a rolled-back batch leaves no trace. */
    @TestConfiguration(proxyBeanMethods = false)
    static class AppliedLog {
        @Bean
        ReadModelListener appliedLog(JdbcClient jdbc, @Value("${iro.query.instance-id}") String instanceId) {
            return new ReadModelListener() {
                @Override
                public void applied(List<Change> changes, BatchStatements statements) {
                    for (Change c : changes) {
                        statements.add("INSERT INTO " + LOG + ".applied (instance_id, dispute_id, sequence)"
                                + " SELECT instance_id, dispute_id, sequence"
                                + " FROM jsonb_populate_recordset(NULL::" + LOG + ".applied, :rows)",
                                Map.of("instance_id", instanceId, "dispute_id", c.event().disputeId().value(),
                                        "sequence", c.sequence()));
                    }
                }

                @Override
                public void cleared() {
                }
            };
        }
    }
}
