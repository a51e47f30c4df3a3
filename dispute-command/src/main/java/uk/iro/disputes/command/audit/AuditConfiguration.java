package uk.iro.disputes.command.audit;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who, on behalf of which system, why: copied from each command onto its events, then chained by hash. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    /** correlationId follows the request; causationId is the id of the command that caused the event. */
    @Bean
    CorrelationDataProvider correlationAndCausation() {
        return message -> {
            java.util.Map<String, Object> data = new java.util.HashMap<>();
            Object correlation = message.getMetaData().get(AuditMetadata.CORRELATION_ID);
            data.put(AuditMetadata.CORRELATION_ID, correlation != null ? correlation : message.getIdentifier());
            data.put(AuditMetadata.CAUSATION_ID, message.getIdentifier());
            return data;
        };
    }

    @Bean
    CorrelationDataProvider callerCorrelationProvider() {
        return new SimpleCorrelationDataProvider(AuditMetadata.SUBJECT, AuditMetadata.ROLE, AuditMetadata.CLIENT);
    }

    @Bean
    HashChainInterceptor hashChainInterceptor(@Qualifier("eventSerializer") Serializer eventSerializer,
            DataSource dataSource, MeterRegistry meters) {
        return new HashChainInterceptor(eventSerializer, dataSource, meters);
    }

    @Bean
    InitializingBean registerHashChain(EventStore eventStore, HashChainInterceptor interceptor) {
        return () -> eventStore.registerDispatchInterceptor(interceptor);
    }
}
