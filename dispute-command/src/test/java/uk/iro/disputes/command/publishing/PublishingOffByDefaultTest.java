package uk.iro.disputes.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import uk.iro.disputes.command.api.CommandServiceTest;
import uk.iro.disputes.command.api.TestTokens;
import uk.iro.disputes.kernel.dispute.Role;

/** The service as every other test runs it, with no brokers configured: no publisher, no producer, no endpoint. */
class PublishingOffByDefaultTest extends CommandServiceTest {
    @Autowired
    ApplicationContext context;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void withoutBrokersNothingOfThePublisherExists() {
        assertThat(context.getBeansOfType(EventPublisher.class)).isEmpty();
        assertThat(context.getBeansOfType(KafkaTemplate.class)).isEmpty();
        assertThat(context.getBeansOfType(PublisherStatus.class)).isEmpty();
        assertThat(processing.eventProcessor(EventPublisher.PROCESSING_GROUP)).isEmpty();
        assertThat(api.get("/api/v1/admin/kafka-publisher", TestTokens.token("adm-1", Role.ADMIN)).status())
                .isEqualTo(404);
        assertThat(api.get("/actuator/prometheus", null).body()).doesNotContain("iro_publisher_lag");
    }
}
