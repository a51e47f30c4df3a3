package uk.iro.disputes.command.publishing;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code iro.kafka.*}: where and how events are published. See the README's configuration table and
 * {@code docs/kafka.md}.
 *
 * @param bootstrapServers the brokers; publishing is off while this is blank
 * @param enabled false switches publishing off even with brokers configured; the token stays where it was and
 *                publishing resumes from it when switched on again
 * @param topic the one topic of dispute events
 * @param source the CloudEvents {@code source} of every event
 * @param createTopic whether the service creates the topic (with infinite retention) when it does not exist
 * @param partitions the partition count when the service creates the topic; never change it afterwards, since
 *                   a dispute's events stay in order only while its key maps to the same partition
 * @param replicationFactor the replication factor when the service creates the topic; 0 for the broker's default
 * @param batchSize how many events one transaction of the publisher sends and waits for
 * @param pollInterval how long the publisher waits to be told of new events before it reads the store again
 * @param properties Kafka client properties shared by the producer and the admin client (security, SASL, TLS)
 * @param producer Kafka producer properties (timeouts, compression); {@code acks} and idempotence are fixed
 */
@ConfigurationProperties("iro.kafka")
public record KafkaPublishingProperties(
        String bootstrapServers,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("iro.disputes.events.v1") String topic,
        @DefaultValue("/iro-disputes/dispute-command") String source,
        @DefaultValue("true") boolean createTopic,
        @DefaultValue("3") int partitions,
        @DefaultValue("0") short replicationFactor,
        @DefaultValue("100") int batchSize,
        @DefaultValue("100ms") Duration pollInterval,
        Map<String, String> properties,
        Map<String, String> producer) {

    /**
     * The publisher holds its token's database transaction open while it waits for Kafka, and PostgreSQL ends
     * sessions idle in a transaction for 30 s (dispute-command.yaml): a wait must stay well below that.
     */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(20);

    public KafkaPublishingProperties {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        producer = producer == null ? Map.of() : Map.copyOf(producer);
        if (partitions < 1) {
            throw new IllegalArgumentException("iro.kafka.partitions must be 1 or more");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("iro.kafka.batch-size must be 1 or more");
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("iro.kafka.poll-interval must be positive");
        }
    }
}
