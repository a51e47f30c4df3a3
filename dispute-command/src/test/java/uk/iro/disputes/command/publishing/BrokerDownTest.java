package uk.iro.disputes.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.command.publishing.KafkaFixtures.await;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import uk.iro.disputes.command.api.Api;
import uk.iro.disputes.command.api.Api.Call;
import uk.iro.disputes.command.api.Requests;
import uk.iro.disputes.command.api.TestTokens;
import uk.iro.disputes.command.publishing.KafkaFixtures.Stored;
import uk.iro.disputes.command.publishing.TopicReader.Published;

/**
 * The broker is down while council systems keep working: the API answers as usual, the events wait in the store
 * (the outbox), the lag gauge and the health component say so, and when the broker comes up every event arrives,
 * in order per dispute, none missing.
 */
class BrokerDownTest {
    static final String TOPIC = "iro.test.broker-down";
    static final String SOURCE = "/test/broker-down";

    @Test
    void commandsSucceedWhileTheBrokerIsDownAndEveryEventArrivesWhenItReturns() {
        int port = KafkaFixtures.freePort();
        String bootstrap = "localhost:" + port;
        EmbeddedKafkaKraftBroker broker = null;
        try (ConfigurableApplicationContext service = KafkaFixtures.start(bootstrap,
                "--iro.kafka.topic=" + TOPIC, "--iro.kafka.source=" + SOURCE, "--iro.kafka.partitions=2",
                "--iro.kafka.batch-size=5")) {
            Api api = KafkaFixtures.apiOf(service);
            JdbcClient jdbc = service.getBean(JdbcClient.class);
            String iro = TestTokens.token("iro-17", IRO);
            String manager = TestTokens.token("sm-5", SENIOR_MANAGER);

            // Nothing listens on the broker's port: every step still succeeds for the caller, promptly.
            List<String> disputes = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                Call raised = api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally("CASE-BD" + i));
                assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
                String id = raised.disputeId();
                disputes.add(id);
                Call answered = api.post("/api/v1/disputes/" + id + "/respond", manager, Requests.respond("stage-1"));
                assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
                Call escalated = api.post("/api/v1/disputes/" + id + "/escalate", iro, Requests.escalate("stage-1"));
                assertThat(escalated.status()).as(escalated.toString()).isEqualTo(200);
            }
            Duration commands = Duration.ofNanos(System.nanoTime() - started);
            assertThat(commands).as("nine commands while the broker is down").isLessThan(Duration.ofSeconds(20));

            await("the publisher to report the broker as down", Duration.ofSeconds(30),
                    () -> "DOWN".equals(KafkaFixtures.health(api)));
            List<Stored> before = KafkaFixtures.stored(jdbc, disputes);
            assertThat(before).hasSize(3 * 6);
            assertThat(KafkaFixtures.lag(api)).as("the lag gauge counts the waiting events")
                    .isGreaterThanOrEqualTo(before.size());

            // The broker comes up on the port the service was given; more commands meanwhile.
            broker = KafkaFixtures.broker(port);
            for (String id : disputes) {
                Call resolved = api.post("/api/v1/disputes/" + id + "/resolve", iro, Requests.resolve());
                assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
            }
            List<Stored> stored = KafkaFixtures.stored(jdbc, disputes);
            try (TopicReader reader = new TopicReader(bootstrap, TOPIC)) {
                List<Published> read = reader.readUntil("every event of the three disputes", Duration.ofSeconds(75),
                        r -> PublishedStream.containsAll(r, stored));
                PublishedStream.assertCompleteAndInOrder(read, stored, SOURCE);
            }
            await("the lag gauge to come back to 0", Duration.ofSeconds(20), () -> KafkaFixtures.lag(api) == 0.0);
            await("the publisher to report healthy", Duration.ofSeconds(10),
                    () -> "UP".equals(KafkaFixtures.health(api)));
        } finally {
            if (broker != null) {
                broker.destroy();
            }
        }
    }
}
