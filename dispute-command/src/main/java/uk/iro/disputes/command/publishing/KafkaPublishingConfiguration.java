package uk.iro.disputes.command.publishing;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The Kafka publisher, present only when {@code iro.kafka.bootstrap-servers} is set (see {@link OnKafkaPublishing}):
 * an idempotent {@code acks=all} producer, and a single-segment tracking processor over the event store whose
 * errors propagate (Axon's default for event handlers would log and skip the event, losing it) so that a failed
 * batch is retried, with back-off, until Kafka acknowledges it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnKafkaPublishing.class)
@EnableConfigurationProperties(KafkaPublishingProperties.class)
public class KafkaPublishingConfiguration {
    /** Producer timeouts unless configured: short enough that a batch never holds its transaction for long. */
    static final Map<String, Object> PRODUCER_DEFAULTS = Map.of(
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000,
            ProducerConfig.LINGER_MS_CONFIG, 5);

    static Map<String, Object> producerConfig(KafkaPublishingProperties properties) {
        Map<String, Object> config = new HashMap<>(PRODUCER_DEFAULTS);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "dispute-command-publisher");
        config.putAll(properties.properties());
        config.putAll(properties.producer());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        // Not configurable: these are what "nothing lost, each dispute in order" rests on.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    /** How long a batch waits for its acknowledgements: the producer's own delivery timeout, and a little more. */
    static Duration ackTimeout(Map<String, Object> producerConfig) {
        Duration delivery = millis(producerConfig, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        Duration block = millis(producerConfig, ProducerConfig.MAX_BLOCK_MS_CONFIG);
        Duration wait = delivery.plusSeconds(2);
        if (wait.compareTo(KafkaPublishingProperties.LONGEST_WAIT) > 0
                || block.compareTo(KafkaPublishingProperties.LONGEST_WAIT) > 0) {
            throw new IllegalStateException("Kafka producer delivery.timeout.ms (" + delivery.toMillis()
                    + ") and max.block.ms (" + block.toMillis() + ") must stay under "
                    + KafkaPublishingProperties.LONGEST_WAIT.minusSeconds(2).toSeconds() + " s: the publisher waits"
                    + " for Kafka inside the transaction that stores its token");
        }
        return wait;
    }

    private static Duration millis(Map<String, Object> config, String key) {
        return Duration.ofMillis(Long.parseLong(String.valueOf(config.get(key))));
    }

    /**
     * On shutdown the producer waits at most 5 s for records still in flight (30 s by default): anything it drops
     * was not acknowledged, so its token never moved and the next start sends it again.
     */
    @Bean
    ProducerFactory<String, byte[]> publisherProducerFactory(KafkaPublishingProperties properties) {
        DefaultKafkaProducerFactory<String, byte[]> factory =
                new DefaultKafkaProducerFactory<>(producerConfig(properties));
        factory.setPhysicalCloseTimeout(5);
        return factory;
    }

    @Bean
    KafkaTemplate<String, byte[]> publisherKafkaTemplate(ProducerFactory<String, byte[]> publisherProducerFactory) {
        return new KafkaTemplate<>(publisherProducerFactory);
    }

    @Bean
    TopicProvisioner topicProvisioner(KafkaPublishingProperties properties) {
        return new TopicProvisioner(properties,
                millis(producerConfig(properties), ProducerConfig.MAX_BLOCK_MS_CONFIG));
    }

    @Bean
    EventPublisher eventPublisher(KafkaTemplate<String, byte[]> publisherKafkaTemplate,
            TopicProvisioner topicProvisioner, KafkaPublishingProperties properties, MeterRegistry meters) {
        return new EventPublisher(publisherKafkaTemplate,
                new CloudEventRecords(properties.topic(), properties.source()), topicProvisioner,
                ackTimeout(producerConfig(properties)), meters);
    }

    /**
     * One segment, one thread: the store's order is the order of the sends. The first start publishes the whole
     * store from its tail. Errors propagate from the handler to the processor, which rolls the batch back and
     * retries it with back-off (1 s doubling to 60 s).
     *
     * <p>The processor waits at most {@code iro.kafka.poll-interval} for news before it reads again (Axon: 1 s).
     * The embedded store tells a stream of new events only while the stream follows the store's own reader; the
     * publisher's stream keeps falling back to reading the table itself (thread dumps in issue 8 found it there in
     * most samples), and there nothing tells it, so every event waited out the rest of that second: append-to-Kafka
     * p50 / p99 was 494 / 1,054 ms at one client.
     */
    @Bean
    ConfigurerModule kafkaPublisherProcessor(KafkaPublishingProperties properties) {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(EventPublisher.PROCESSING_GROUP, c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(properties.batchSize())
                                .andEventAvailabilityTimeout(properties.pollInterval().toMillis(), MILLISECONDS)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerListenerInvocationErrorHandler(EventPublisher.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerErrorHandler(EventPublisher.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** The lag gauge, the {@code kafkaPublisher} health component, and the admin endpoint's view. */
    @Bean
    PublisherStatus kafkaPublisherHealthIndicator(EventProcessingConfiguration processing, EventStore eventStore,
            MeterRegistry meters, KafkaPublishingProperties properties) {
        return new PublisherStatus(processing, eventStore, meters, properties.topic());
    }
}
