package uk.iro.disputes.command.publishing;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Publishing is on when bootstrap servers are configured and {@code iro.kafka.enabled} is not false. A blank
 * value (the default {@code ${IRO_KAFKA_BOOTSTRAP_SERVERS:}}) counts as unset, which {@code @ConditionalOnProperty}
 * would not do.
 */
public class OnKafkaPublishing extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String servers = context.getEnvironment().getProperty("iro.kafka.bootstrap-servers", "");
        boolean enabled = context.getEnvironment().getProperty("iro.kafka.enabled", Boolean.class, true);
        if (servers.isBlank()) {
            return ConditionOutcome.noMatch("iro.kafka.bootstrap-servers is not set: events are not published");
        }
        if (!enabled) {
            return ConditionOutcome.noMatch("iro.kafka.enabled is false: events are not published");
        }
        return ConditionOutcome.match("publishing events to Kafka at " + servers);
    }
}
