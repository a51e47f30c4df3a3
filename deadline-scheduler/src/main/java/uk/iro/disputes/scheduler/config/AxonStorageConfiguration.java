package uk.iro.disputes.scheduler.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;
import uk.iro.disputes.scheduler.schedule.DeadlineSchedule;

/**
 * Axon on PostgreSQL without Axon Server, declared here because Axon 4.13's own JDBC and transaction
 * auto-configuration silently backs off under Boot 4 (see STACK-NOTES). The event store is dispute-command's and
 * is only read; the token lives in this service's own schema, written in the same transaction as the schedule.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AxonStorageConfiguration {
    /** How many events the embedded store's reader takes from one stream (see BoundedReaderStorageEngine). */
    static final int READER_FETCH_LIMIT = 1_000;

    /** The token and the schedule rows commit together: a crash never leaves one without the other. */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * Reads dispute-command's tables by their schema-qualified names; this service never appends. The embedded
     * store's reader gets at most {@link #READER_FETCH_LIMIT} events per stream.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
            ConnectionProvider connectionProvider, TransactionManager transactionManager, Configuration configuration,
            SchedulerProperties properties) {
        String schema = properties.eventSchema();
        return new BoundedReaderStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(EventSchema.builder()
                        .eventTable(schema + ".domainevententry")
                        .snapshotTable(schema + ".snapshotevententry")
                        .build())
                .build(), READER_FETCH_LIMIT);
    }

    /**
     * The claim owner is this instance's own id: Axon's default (the JVM's pid@host) is shared by every context in
     * one JVM, and two owners with one name both process the segment, so every deadline was scheduled twice.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, SchedulerProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .nodeId(properties.instanceId())
                .schema(new TokenSchema())
                .claimTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** One pooled streaming processor, one segment: the schedule is small and its order per dispute matters. */
    @Bean
    ConfigurerModule deadlineScheduleProcessor(SchedulerProperties properties) {
        boolean head = "head".equalsIgnoreCase(properties.startAt());
        // A failure (the database, say) must stop and retry the batch, not be logged and skipped past.
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(DeadlineSchedule.PROCESSOR,
                        c -> PropagatingErrorHandler.instance())
                .registerPooledStreamingEventProcessor(
                DeadlineSchedule.PROCESSOR, Configuration::eventStore,
                (config, builder) -> builder
                        .initialSegmentCount(1)
                        .batchSize(50)
                        .initialToken(head ? StreamableMessageSource::createHeadToken
                                : StreamableMessageSource::createTailToken));
    }

    /** The Jackson 2 mapper Axon reads events with; the name is the one Axon's serializer configuration looks for. */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
