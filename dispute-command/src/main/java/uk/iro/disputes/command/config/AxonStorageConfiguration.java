package uk.iro.disputes.command.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon on PostgreSQL without Axon Server, declared here because Axon 4.13's own JDBC and transaction
 * auto-configuration is ordered after Boot 3's class names and silently backs off under Boot 4 (no JDBC event
 * store, no transactions: see STACK-NOTES). Tables are created by Flyway, never by Axon.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AxonStorageConfiguration {

    /** Axon's units of work join Spring's transactions, so an API call can wrap several writes in one. */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /**
     * Axon's JDBC work on the connection of the Spring transaction it runs in. Not wrapped in Axon's
     * {@code UnitOfWorkAwareConnectionProviderWrapper}: that one rolls the connection back itself when a unit of
     * work rolls back, which ends the whole transaction, so a command refused inside a batch of the scheduler's
     * deadlines would silently undo the batch's earlier deadlines (each runs under a savepoint; see
     * {@code DeadlineBatch}). Every unit of work here runs in a Spring transaction, which already holds one
     * connection for it.
     */
    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /** A concurrent append to the same stream violates the unique key: Axon must see that as a conflict. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    /**
     * The JDBC engine, wrapped to skip the snapshot query and to hand loaded events to the hash chain; it also reads
     * and writes a deadline batch's streams together ({@link StreamBatchJdbcEngine}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver, ConnectionProvider connectionProvider,
            TransactionManager transactionManager, Configuration configuration) {
        return new CommandStorageEngine(new StreamBatchJdbcEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .finalAggregateBatchPredicate(CommandStorageEngine::isLastBatch)));
    }

    /**
     * The store the aggregates write to and the Kafka publisher follows, as Axon would build it but for its reader's
     * poll: after a fetch that finds nothing the reader waits {@code iro.command.event-fetch-delay} (Axon: 1 s)
     * unless told of a commit, and it is told when a unit of work commits, which here is before the request's
     * transaction does (every unit of work joins it): the reader looks, finds nothing yet, and without this the
     * event waited up to a second. Each poll is one indexed query of the event table.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine eventStorageEngine, Configuration configuration,
            @Value("${iro.command.event-fetch-delay:100ms}") Duration fetchDelay) {
        if (fetchDelay.isNegative() || fetchDelay.isZero()) {
            throw new IllegalStateException("iro.command.event-fetch-delay must be positive");
        }
        return EmbeddedEventStore.builder()
                .storageEngine(eventStorageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .build();
    }

    /**
     * Claims last 30 s, well above the longest batch a processor may run (the Kafka publisher waits at most 20 s
     * for acknowledgements), so another instance never takes over a segment whose batch is still in flight.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(new TokenSchema())
                .claimTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * The Jackson 2 mapper Axon serialises events with: dates as ISO strings, not arrays, so an auditor reads
     * {@code "openedOn":"2026-03-02"} in plain SQL. The name is the one Axon's serializer configuration looks for.
     */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
