package uk.iro.disputes.query.projection;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A projection must never skip an event, and one dispute's bad event must not stop every other dispute.
 *
 * <p>Axon's default listener error handler logs a failing handler and moves on, which would leave a read model
 * silently wrong: here failures propagate. They land in a dead-letter queue (table {@code deadletterentry}): the
 * failing event and every later event of the same dispute are parked there in order, the other disputes go on,
 * and the admin API shows what is parked and retries it (after a fix) in order.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    @Bean
    ConfigurerModule projectionDeadLetters(ConnectionProvider connectionProvider, TransactionManager transactionManager) {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(DisputeProjection.PROCESSOR,
                        c -> PropagatingErrorHandler.instance())
                .registerDeadLetterQueue(DisputeProjection.PROCESSOR,
                        c -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                                .processingGroup(DisputeProjection.PROCESSOR)
                                .connectionProvider(connectionProvider)
                                .transactionManager(transactionManager)
                                .schema(DeadLetterSchema.builder().deadLetterTable("deadletterentry").build())
                                .genericSerializer(c.serializer())
                                .eventSerializer(c.eventSerializer())
                                .build())
                // A rebuild replays every event, so what was parked is dropped with the read models.
                .registerDeadLetteringEventHandlerInvokerConfiguration(DisputeProjection.PROCESSOR,
                        (c, builder) -> builder.allowReset(true));
    }
}
