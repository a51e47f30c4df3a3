package uk.iro.disputes.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * An independent consumer of the event topic: plain Kafka clients, every partition from the beginning, no group,
 * nothing of the service's code. Records are kept in each partition's order.
 */
final class TopicRecords {

    record Published(String key, int partition, long offset, Map<String, String> headers, String value) {
        String header(String name) {
            return headers.get(name);
        }
    }

    static List<Published> readUntil(String bootstrap, String topic, Duration limit, Predicate<List<Published>> done) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Published> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new AssertionError("topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + limit.toNanos();
            while (!done.test(read)) {
                if (System.nanoTime() > deadline) {
                    return read;
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header h : r.headers()) {
                        if (headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)) != null) {
                            throw new AssertionError("header " + h.key() + " twice on " + r);
                        }
                    }
                    read.add(new Published(r.key(), r.partition(), r.offset(), headers,
                            new String(r.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        return read;
    }
}
