package uk.iro.disputes.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Guards the trap in STACK-NOTES: under Boot 4, Axon 4.13's own JDBC auto-configuration backs off silently and
 * leaves events written with no transaction. If any of these regress, the service is not what it claims.
 */
class AxonWiringTest extends CommandServiceTest {
    @Autowired
    TransactionManager axonTransactionManager;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Test
    void axonRunsInSpringTransactionsOnTheJdbcStoreWithJsonEvents() {
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(eventSerializer).isInstanceOf(JacksonSerializer.class);
    }
}
