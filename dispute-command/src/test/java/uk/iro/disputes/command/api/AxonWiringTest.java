package uk.iro.disputes.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import uk.iro.disputes.command.config.CommandStorageEngine;
import uk.iro.disputes.command.dispute.Dispute;
import uk.iro.disputes.command.goodpractice.GoodPracticeAlert;

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

    @Autowired
    ApplicationContext context;

    @Test
    void axonRunsInSpringTransactionsOnTheJdbcStoreWithJsonEvents() {
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
        assertThat(storageEngine).isInstanceOfSatisfying(CommandStorageEngine.class,
                engine -> assertThat(engine.delegate()).isInstanceOf(JdbcEventStorageEngine.class));
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(eventSerializer).isInstanceOf(JacksonSerializer.class);
    }

    /**
     * The storage engine never reads snapshots (saving a query per command), which is right only while none is
     * taken: no aggregate names a snapshot trigger, none is declared, and storing one is refused.
     */
    @Test
    void noSnapshotIsTakenSoNoneIsRead() {
        for (Class<?> aggregate : List.of(Dispute.class, GoodPracticeAlert.class)) {
            assertThat(aggregate.getAnnotation(Aggregate.class).snapshotTriggerDefinition()).as(aggregate.getName())
                    .isEmpty();
        }
        assertThat(context.getBeansOfType(SnapshotTriggerDefinition.class)).isEmpty();
        assertThat(storageEngine.readSnapshot("any")).isEmpty();
        DomainEventMessage<?> snapshot = new GenericDomainEventMessage<>("Dispute", "any", 0, "state");
        assertThatThrownBy(() -> storageEngine.storeSnapshot(snapshot))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
