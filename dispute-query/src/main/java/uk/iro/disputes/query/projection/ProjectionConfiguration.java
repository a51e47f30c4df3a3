package uk.iro.disputes.query.projection;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A projection must never skip an event. Axon's default listener error handler logs a failing handler and moves
 * on, which would leave a read model silently wrong; here the failure propagates, the batch (read models and token
 * together) rolls back, and the processor retries it with back-off until it succeeds.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    @Bean
    ConfigurerModule projectionErrorsPropagate() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(DisputeProjection.PROCESSOR,
                        c -> PropagatingErrorHandler.instance());
    }
}
