package uk.iro.disputes.query.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
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
 * Axon on PostgreSQL without Axon Server, declared by hand because Axon 4.13's JDBC and transaction
 * auto-configuration silently backs off under Boot 4 (see STACK-NOTES).
 *
 * <p>The events live in the command service's schema; this service only reads them, through table names
 * qualified with that schema ({@code iro.query.event-store-schema}). Its own tables, the processor tokens
 * included, live in {@code disputes_query}, the connection's current schema, so a projection's token is written
 * in the same transaction as the read model it describes.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AxonStorageConfiguration {
    /** Axon's units of work join Spring's transactions: read-model writes and the token commit together. */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /** The command service's event table, named with its schema. */
    @Bean
    EventSchema eventSchema(@Value("${iro.query.event-store-schema:disputes_command}") String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalStateException("iro.query.event-store-schema must be a plain lower-case schema name");
        }
        return EventSchema.builder()
                .eventTable(schema + ".domainevententry")
                .snapshotTable(schema + ".snapshotevententry")
                .build();
    }

    /** Reads the store; refuses to write to it (this service never records an event). */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
            ConnectionProvider connectionProvider, TransactionManager transactionManager, Configuration configuration,
            EventSchema eventSchema) {
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .build();
        return new ReadOnlyEventStorageEngine(engine);
    }

    /**
     * The store the projection follows. Every event is committed by another process (dispute-command), so the
     * projection finds it only by reading the table again: after a read that finds nothing it waits
     * {@code iro.query.event-fetch-delay} (each read is one indexed query of the event table). See
     * {@link PollingEventStore} for why each stream reads for itself instead of through Axon's shared reader.
     */
    @Bean(destroyMethod = "shutDown")
    PollingEventStore eventStore(EventStorageEngine eventStorageEngine, Configuration configuration,
            @Value("${iro.query.event-fetch-delay:100ms}") java.time.Duration fetchDelay) {
        if (fetchDelay.isNegative() || fetchDelay.isZero()) {
            throw new IllegalStateException("iro.query.event-fetch-delay must be positive");
        }
        return new PollingEventStore(PollingEventStore.builder()
                .storageEngine(eventStorageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore")), fetchDelay);
    }

    /**
     * This instance's name: the owner written into the token claims it holds. Two instances must never share
     * one (the default, the JVM's pid@host, would be shared by two contexts in one JVM and by containers that all
     * run as pid 1), or each would take the other's claims for its own.
     */
    @Bean
    InstanceId instanceId(@Value("${iro.query.instance-id:}") String configured) {
        return new InstanceId(configured == null || configured.isBlank()
                ? "dispute-query-" + java.util.UUID.randomUUID() : configured.strip());
    }

    /**
     * Tokens in the connection's current schema (disputes_query), next to the read models. A claim not extended
     * for {@code iro.query.projection.claim-timeout} may be taken by another instance: far above any batch's time.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, InstanceId instanceId,
            @Value("${iro.query.projection.claim-timeout:30s}") java.time.Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(TokenSchema.builder().setTokenTable("tokenentry").build())
                .nodeId(instanceId.value())
                .claimTimeout(claimTimeout)
                .build();
    }

    /** The name of this running instance of the service. */
    public record InstanceId(String value) {
    }

    /**
     * The Jackson 2 mapper Axon reads events with, configured as the command service writes them (ISO dates);
     * the read model stores each dispute's folded state with it too.
     */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
