package uk.iro.disputes.bench;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real KRaft broker (spring-kafka-test's, Kafka 4.2) in a JVM of its own, so its CPU and memory are not the load
 * generator's. Prints {@code BROKERS=host:port} once it is up and runs until its standard input closes.
 */
final class Broker {
    private Broker() {
    }

    static void run() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.afterPropertiesSet();
        System.out.println("BROKERS=" + broker.getBrokersAsString());
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // wait for the harness to close the pipe (or die)
            }
        } finally {
            broker.destroy();
            System.exit(0);
        }
    }
}
