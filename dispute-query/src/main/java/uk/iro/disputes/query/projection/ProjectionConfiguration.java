package uk.iro.disputes.query.projection;

import java.time.Duration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.iro.disputes.query.config.AxonStorageConfiguration;

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

    /** Several instances share the segments fairly; see {@link ProjectionInstances}. */
    @Bean(destroyMethod = "stop")
    ProjectionInstances projectionInstances(JdbcClient jdbc, AxonStorageConfiguration.InstanceId instanceId,
            @Value("${iro.query.projection.heartbeat:5s}") Duration heartbeat) {
        return new ProjectionInstances(jdbc, instanceId.value(), DisputeProjection.PROCESSOR, heartbeat);
    }

    @Bean
    ConfigurerModule projectionSegmentShare(ProjectionInstances instances) {
        return instances.configurerModule();
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> projectionHeartbeat(ProjectionInstances instances) {
        return event -> instances.start();
    }

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
                // The cache of sequence identifiers spares the per-event "is this dispute parked?" query: per claimed
                // segment it remembers which disputes it parked, and, if the queue was empty when the segment was
                // first handled, knows every other dispute is not parked (otherwise it asks once per dispute and
                // remembers the answer). Only the instance holding a segment parks that segment's disputes, and Axon
                // drops a segment's cache whenever its work package ends (released, claim lost, error, shutdown), so
                // a segment claimed again, after another instance may have parked some of its disputes, starts
                // afresh from the queue. A retry only removes parked events, which the cache learns on the next one.
                .registerDeadLetteringEventHandlerInvokerConfiguration(DisputeProjection.PROCESSOR,
                        (c, builder) -> builder.allowReset(true).enableSequenceIdentifierCache());
    }
}
