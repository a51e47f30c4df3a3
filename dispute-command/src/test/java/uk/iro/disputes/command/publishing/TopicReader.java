package uk.iro.disputes.command.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A plain Kafka consumer reading the whole topic from the beginning, every partition, as a reporting team's
 * consumer would (no consumer group: it keeps everything it has read).
 */
final class TopicReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final List<Published> read = new ArrayList<>();
    private boolean assigned;

    TopicReader(String bootstrapServers, String topic) {
        this.topic = topic;
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config);
    }

    /** One record as a consumer sees it: key, partition and offset, headers (as text), value. */
    record Published(String key, int partition, long offset, Map<String, String> headers, String value) {
        String header(String name) {
            return headers.get(name);
        }

        String ceId() {
            return header(CloudEventRecords.ID);
        }

        long sequence() {
            return Long.parseLong(header(CloudEventRecords.SEQUENCE));
        }

        JsonNode json() {
            try {
                return JSON.readTree(value);
            } catch (IOException e) {
                throw new AssertionError("value is not JSON: " + value, e);
            }
        }
    }

    /** Reads on until what has been read so far satisfies {@code done}; fails after the timeout. */
    List<Published> readUntil(String what, Duration timeout, Predicate<List<Published>> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            assignWhenTheTopicExists();
            if (assigned) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                    }
                    read.add(new Published(r.key(), r.partition(), r.offset(), headers,
                            new String(r.value(), StandardCharsets.UTF_8)));
                }
            } else {
                KafkaFixtures.sleep(250);
            }
            if (done.test(read)) {
                return List.copyOf(read);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; read "
                        + read.size() + " records from " + topic + (assigned ? "" : " (the topic never appeared)"));
            }
        }
    }

    private void assignWhenTheTopicExists() {
        if (assigned) {
            return;
        }
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.listTopics(Duration.ofSeconds(2)).get(topic);
        } catch (TimeoutException e) {
            return; // the broker is not answering (yet)
        }
        if (partitions == null || partitions.isEmpty()) {
            return;
        }
        List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(all);
        consumer.seekToBeginning(all);
        assigned = true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
