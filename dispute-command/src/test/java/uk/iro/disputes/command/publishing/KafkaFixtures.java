package uk.iro.disputes.command.publishing;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import uk.iro.disputes.command.DisputeCommandApplication;
import uk.iro.disputes.command.api.Api;
import uk.iro.disputes.command.api.MovableTimeConfiguration;
import uk.iro.disputes.command.api.TestTokens;

/** A real in-process KRaft broker, the service started against it, and what the store says was recorded. */
final class KafkaFixtures {
    /** Short client timeouts so that a broker that is down is noticed, and retried, within seconds. */
    static final List<String> FAST_CLIENT = List.of(
            "--iro.kafka.producer.[max.block.ms]=2000",
            "--iro.kafka.producer.[request.timeout.ms]=2000",
            "--iro.kafka.producer.[delivery.timeout.ms]=4000");
    private static final List<String> QUIET = List.of(
            "--logging.level.kafka=WARN", "--logging.level.org.apache.kafka=WARN",
            "--logging.level.org.apache.kafka.clients.NetworkClient=ERROR",
            "--logging.level.org.apache.kafka.clients.admin.internals=ERROR");

    private KafkaFixtures() {
    }

    /** One broker; topics are not auto-created, so the service must create its own. */
    static EmbeddedKafkaKraftBroker broker(Integer fixedPort) {
        quietKafkaLogs();
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperty("auto.create.topics.enable", "false");
        if (fixedPort != null) {
            // The test kit binds its own listeners to ports it picks; a third listener takes the fixed port, and
            // clients that bootstrap through it are told to stay on it.
            broker.brokerProperty("listeners",
                    "EXTERNAL://localhost:0,CONTROLLER://localhost:0,FIXED://localhost:" + fixedPort);
            broker.brokerProperty("listener.security.protocol.map",
                    "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,FIXED:PLAINTEXT");
        }
        broker.afterPropertiesSet();
        return broker;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The service as it runs in production, publishing to the given brokers; arguments as on a command line. */
    static ConfigurableApplicationContext start(String bootstrapServers, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--iro.security.jwt.public-key=" + TestTokens.publicKeyPem(),
                "--iro.security.jwt.issuer=" + TestTokens.ISSUER,
                "--iro.kafka.bootstrap-servers=" + bootstrapServers));
        args.addAll(FAST_CLIENT);
        args.addAll(QUIET);
        args.addAll(List.of(more));
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(DisputeCommandApplication.class, MovableTimeConfiguration.class)
                        .run(args.toArray(String[]::new));
        quietKafkaLogs();
        return context;
    }

    static Api apiOf(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** An event as the store holds it. */
    record Stored(String eventId, String disputeId, long sequence, String type, Instant timestamp, long globalIndex) {
    }

    static List<Stored> stored(JdbcClient jdbc, List<String> disputeIds) {
        return jdbc.sql("""
                        SELECT eventidentifier, aggregateidentifier, sequencenumber, payloadtype, timestamp, globalindex
                        FROM domainevententry WHERE aggregateidentifier IN (:ids) ORDER BY globalindex""")
                .param("ids", disputeIds)
                .query((rs, i) -> new Stored(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getString(4).substring(rs.getString(4).lastIndexOf('.') + 1),
                        Instant.parse(rs.getString(5)), rs.getLong(6)))
                .list();
    }

    private static final Pattern LAG = Pattern.compile("(?m)^iro_publisher_lag\\{[^}]*\\} (\\S+)$");

    /** The lag gauge as Prometheus scrapes it. */
    static double lag(Api api) {
        Matcher m = LAG.matcher(api.get("/actuator/prometheus", null).body());
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** The status of the kafkaPublisher health component. */
    static String health(Api api) {
        return api.get("/actuator/health", null).json().path("components").path("kafkaPublisher").path("status")
                .asText();
    }

    static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            sleep(200);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The in-process broker logs a great deal at INFO; its warnings are enough here. */
    static void quietKafkaLogs() {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper")) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(Level.WARN);
        }
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient"))
                .setLevel(Level.ERROR);
    }

    static Map<String, String> ifMatch(String etag) {
        return Map.of("If-Match", etag);
    }
}
