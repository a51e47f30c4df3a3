package uk.iro.disputes.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.event.ChildInformed;
import uk.iro.disputes.kernel.event.DisputeClosed;
import uk.iro.disputes.kernel.event.IndependentLegalAdviceRequested;

/**
 * The publisher's processor exactly as configured for the service, on an in-memory store with a producer whose
 * acknowledgements the test hands out one by one: a batch with one unacknowledged send is rolled back and sent
 * again whole, with the same ids, and the token moves only when Kafka has acknowledged all of it.
 */
class PublisherAcknowledgementTest {
    static final DisputeId ID = DisputeId.of("d-ack-1");
    static final StaffReference IRO = StaffReference.of("iro-1", Role.IRO);

    /** One producer throughout, as the service's factory shares one (KafkaTemplate closes it after a failure). */
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
                @Override
                public void close(Duration timeout) {
                }
            };
    private final KafkaPublishingProperties properties = new KafkaPublishingProperties("mock:9092", true, "t", "/test",
            false, 1, (short) 0, 3, java.time.Duration.ofMillis(100), Map.of(), Map.of());

    private Configuration axon() {
        EventPublisher publisher = new EventPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)),
                new CloudEventRecords("t", "/test"), new TopicProvisioner(properties, Duration.ofSeconds(1)),
                Duration.ofSeconds(10), new SimpleMeterRegistry());
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEventStore(c -> store)
                .registerComponent(TokenStore.class, c -> new InMemoryTokenStore());
        configurer.eventProcessing().registerEventHandler(c -> publisher);
        new KafkaPublishingConfiguration().kafkaPublisherProcessor(properties).configureModule(configurer);
        return configurer.buildConfiguration();
    }

    private static EventTrackerStatus status(Configuration axon) {
        return axon.eventProcessingConfiguration()
                .eventProcessor(EventPublisher.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow()
                .processingStatus().get(0);
    }

    private void awaitSends(int count) {
        KafkaFixtures.await(count + " sends", Duration.ofSeconds(15), () -> producer.history().size() >= count);
    }

    @Test
    void aBatchIsResentWholeUntilKafkaAcknowledgesAllOfItAndOnlyThenTheTokenMoves() {
        Configuration axon = axon();
        LocalDate day = LocalDate.of(2026, 3, 2);
        axon.eventStore().publish(List.of(
                new GenericDomainEventMessage<>("Dispute", ID.value(), 0, new ChildInformed(ID, day, "x", IRO, day)),
                new GenericDomainEventMessage<>("Dispute", ID.value(), 1,
                        new IndependentLegalAdviceRequested(ID, "y", IRO, day)),
                new GenericDomainEventMessage<>("Dispute", ID.value(), 2, new DisputeClosed(ID, IRO, day))));
        axon.start();
        try {
            awaitSends(3);
            producer.completeNext();
            producer.errorNext(new TimeoutException("no acknowledgement"));
            KafkaFixtures.await("the batch to fail", Duration.ofSeconds(10),
                    () -> status(axon) != null && status(axon).isErrorState());
            assertThat(status(axon).getCurrentPosition().orElse(-1)).as("the token has not moved").isEqualTo(-1);
            producer.errorNext(new TimeoutException("abandoned with its batch"));

            awaitSends(6);
            assertThat(status(axon).getCurrentPosition().orElse(-1)).as("nothing acknowledged yet: the token waits")
                    .isEqualTo(-1);
            producer.completeNext();
            producer.completeNext();
            producer.completeNext();
            KafkaFixtures.await("the token to move past the batch", Duration.ofSeconds(10),
                    () -> status(axon).getCurrentPosition().orElse(-1) == 2 && !status(axon).isErrorState());

            List<ProducerRecord<String, byte[]>> sent = producer.history();
            assertThat(sent).hasSize(6);
            List<String> firstTry = sent.subList(0, 3).stream().map(PublisherAcknowledgementTest::ceId).toList();
            assertThat(sent.subList(3, 6).stream().map(PublisherAcknowledgementTest::ceId).toList())
                    .as("the same events again, in order, under their own ids").containsExactlyElementsOf(firstTry);
            assertThat(sent.stream().map(ProducerRecord::key).distinct().toList()).containsExactly(ID.value());
        } finally {
            axon.shutdown();
        }
    }

    private static String ceId(ProducerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(CloudEventRecords.ID).value(), StandardCharsets.UTF_8);
    }
}
