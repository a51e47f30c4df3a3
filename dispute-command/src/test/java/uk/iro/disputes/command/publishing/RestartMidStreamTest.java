package uk.iro.disputes.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
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
 * The service stops mid-stream and starts again: publishing resumes from the stored token, nothing is missing,
 * and whatever is sent twice carries the same ce_id (and the same value and headers).
 *
 * <p>The first run leaves exactly what a crash leaves: events Kafka acknowledged whose token update never
 * committed (the token is put back before them, as if the process had died between the acknowledgement and the
 * commit), and events stored after the publisher stopped. Both must be (re)published by the second run.
 */
class RestartMidStreamTest {
    static final String TOPIC = "iro.test.restart";
    static final String SOURCE = "/test/restart";

    private final String iro = TestTokens.token("iro-17", IRO);
    private final String manager = TestTokens.token("sm-5", SENIOR_MANAGER);

    private static ConfigurableApplicationContext start(EmbeddedKafkaKraftBroker broker) {
        return KafkaFixtures.start(broker.getBrokersAsString(), "--iro.kafka.topic=" + TOPIC,
                "--iro.kafka.source=" + SOURCE, "--iro.kafka.batch-size=3");
    }

    private static void ok(Call call) {
        assertThat(call.status()).as(call.toString()).isBetween(200, 201);
    }

    @Test
    void publishingResumesFromTheTokenWithNothingMissingAndDuplicatesUnderTheirOwnIds() {
        EmbeddedKafkaKraftBroker broker = KafkaFixtures.broker(null);
        try (TopicReader reader = new TopicReader(broker.getBrokersAsString(), TOPIC)) {
            List<String> disputes = new ArrayList<>();
            List<String> resent;
            try (ConfigurableApplicationContext first = start(broker)) {
                Api api = KafkaFixtures.apiOf(first);
                JdbcClient jdbc = first.getBean(JdbcClient.class);
                for (int i = 0; i < 2; i++) {
                    Call raised = api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally("CASE-RS" + i));
                    ok(raised);
                    disputes.add(raised.disputeId());
                    ok(api.post("/api/v1/disputes/" + raised.disputeId() + "/respond", manager,
                            Requests.respond("stage-1")));
                }
                List<Stored> published = KafkaFixtures.stored(jdbc, disputes);
                reader.readUntil("the first run's events", Duration.ofSeconds(60),
                        r -> PublishedStream.containsAll(r, published));

                // The crash window: Kafka has the second half of these events, the token does not cover them.
                StreamingEventProcessor publisher = first.getBean(PublisherStatus.class).processor().orElseThrow();
                publisher.shutDown();
                Stored firstUnconfirmed = published.get(published.size() / 2);
                resent = published.stream().filter(s -> s.globalIndex() >= firstUnconfirmed.globalIndex())
                        .map(Stored::eventId).toList();
                TokenStore tokens = first.getBean(TokenStore.class);
                first.getBean(TransactionManager.class).executeInTransaction(() -> {
                    tokens.storeToken(GapAwareTrackingToken.newInstance(firstUnconfirmed.globalIndex() - 1, Set.of()),
                            EventPublisher.PROCESSING_GROUP, 0);
                    tokens.releaseClaim(EventPublisher.PROCESSING_GROUP, 0);
                });

                // Work goes on while nothing publishes; the service then stops with it unpublished.
                for (String id : disputes) {
                    ok(api.post("/api/v1/disputes/" + id + "/escalate", iro, Requests.escalate("stage-1")));
                }
                Call third = api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally("CASE-RS2"));
                ok(third);
                disputes.add(third.disputeId());
            }

            try (ConfigurableApplicationContext second = start(broker)) {
                Api api = KafkaFixtures.apiOf(second);
                for (String id : disputes) {
                    ok(api.post("/api/v1/disputes/" + id + "/resolve", iro, Requests.resolve()));
                }
                List<Stored> stored = KafkaFixtures.stored(second.getBean(JdbcClient.class), disputes);
                List<Published> read = reader.readUntil("every event of both runs", Duration.ofSeconds(60),
                        r -> PublishedStream.containsAll(r, stored));
                Set<String> duplicated = PublishedStream.assertCompleteAndInOrder(read, stored, SOURCE);
                assertThat(duplicated).as("exactly the events whose acknowledgement the token missed")
                        .containsExactlyInAnyOrderElementsOf(resent);
            }
        } finally {
            broker.destroy();
        }
    }
}
