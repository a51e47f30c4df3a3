package uk.iro.disputes.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** How the publisher is switched on and configured, from environment variables as a deployment sets them. */
class PublishingSettingsTest {

    private static KafkaPublishingProperties fromEnvironment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        // Spring maps variable names to property names only for a source of this name, as for the real environment.
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        return Binder.get(environment).bind("iro.kafka", KafkaPublishingProperties.class).get();
    }

    @Test
    void environmentVariablesReachTheClientsButNeverLoosenAcksOrIdempotence() {
        KafkaPublishingProperties properties = fromEnvironment(Map.of(
                "IRO_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9093,kafka-2:9093",
                "IRO_KAFKA_TOPIC", "council.disputes.v1",
                "IRO_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SSL",
                "IRO_KAFKA_PRODUCER_MAX_BLOCK_MS", "3000",
                "IRO_KAFKA_PRODUCER_ACKS", "1",
                "IRO_KAFKA_PRODUCER_ENABLE_IDEMPOTENCE", "false"));
        assertThat(properties.topic()).isEqualTo("council.disputes.v1");
        Map<String, Object> producer = KafkaPublishingConfiguration.producerConfig(properties);
        assertThat(producer).containsEntry("bootstrap.servers", "kafka-1:9093,kafka-2:9093")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("max.block.ms", "3000")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("delivery.timeout.ms", 10000);
        assertThat(KafkaPublishingConfiguration.ackTimeout(producer)).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void aWaitLongerThanTheDatabaseToleratesIsRefusedAtStartUp() {
        KafkaPublishingProperties properties = fromEnvironment(Map.of(
                "IRO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "IRO_KAFKA_PRODUCER_DELIVERY_TIMEOUT_MS", "120000"));
        assertThatThrownBy(() -> KafkaPublishingConfiguration.ackTimeout(
                KafkaPublishingConfiguration.producerConfig(properties)))
                .hasMessageContaining("delivery.timeout.ms");
    }

    @Test
    void publishingIsOnOnlyWithBrokersAndNotSwitchedOff() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withUserConfiguration(Probe.class);
        runner.run(c -> assertThat(c).doesNotHaveBean(Probe.Marker.class));
        runner.withPropertyValues("iro.kafka.bootstrap-servers=")
                .run(c -> assertThat(c).doesNotHaveBean(Probe.Marker.class));
        runner.withPropertyValues("iro.kafka.bootstrap-servers=kafka:9092")
                .run(c -> assertThat(c).hasSingleBean(Probe.Marker.class));
        runner.withPropertyValues("iro.kafka.bootstrap-servers=kafka:9092", "iro.kafka.enabled=false")
                .run(c -> assertThat(c).doesNotHaveBean(Probe.Marker.class));
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.context.annotation.Conditional(OnKafkaPublishing.class)
    static class Probe {
        static class Marker {
        }

        @org.springframework.context.annotation.Bean
        Marker marker() {
            return new Marker();
        }
    }
}
