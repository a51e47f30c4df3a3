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
import uk.iro.disputes.command.config.ConstructorAggregateFactory;
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

    /**
     * Neither event handlers, the aggregate's event-sourcing handlers among them (run for every stored event each time
     * a command loads a stream), nor the aggregates' command handlers are wrapped in Axon's handler timeout, whose
     * start takes a stack trace. Each command's unit of work keeps its timeout (the next test).
     */
    @Test
    void aggregateHandlersAreNotWrappedInAHandlerTimeout() throws ReflectiveOperationException {
        org.axonframework.modelling.command.Repository<Dispute> repository =
                context.getBean(org.axonframework.config.Configuration.class).repository(Dispute.class);
        java.lang.reflect.Method modelOf =
                org.axonframework.modelling.command.AbstractRepository.class.getDeclaredMethod("aggregateModel");
        modelOf.setAccessible(true);
        var model = (org.axonframework.modelling.command.inspection.AggregateModel<?>) modelOf.invoke(repository);
        // Package-private in Axon: named by its class name.
        Class<?> timeout = Class.forName("org.axonframework.messaging.timeout.TimeoutWrappedMessageHandlingMember");

        var eventHandlers = model.allEventHandlers().values().stream().flatMap(List::stream).toList();
        var commandHandlers = model.allCommandHandlers().values().stream().flatMap(List::stream).toList();
        assertThat(eventHandlers).isNotEmpty().allSatisfy(h -> assertThat(h.unwrap(timeout)).as(h.toString()).isEmpty());
        assertThat(commandHandlers).isNotEmpty().allSatisfy(h -> assertThat(h.unwrap(timeout)).as(h.toString()).isEmpty());
    }

    /** A command's unit of work (its load, handler and append) is still bounded by Axon's timeout. */
    @Test
    void aCommandsUnitOfWorkKeepsItsTimeout() {
        var bus = context.getBean(org.axonframework.commandhandling.CommandBus.class);
        Object interceptors = org.springframework.test.util.ReflectionTestUtils.getField(
                bus, "handlerInterceptors");
        assertThat((Iterable<?>) interceptors).anySatisfy(i ->
                assertThat(i).isInstanceOf(org.axonframework.messaging.timeout.UnitOfWorkTimeoutInterceptor.class));
    }

    /**
     * Loading a stream creates its aggregate with its constructor, not as a Spring prototype bean (whose life cycle
     * was a tenth of a deadline command's CPU): the aggregates take their collaborators as handler parameters.
     */
    @Test
    void aggregatesAreCreatedWithoutSpringsBeanLifeCycle() {
        var configuration = context.getBean(org.axonframework.config.Configuration.class);
        for (Class<?> aggregate : List.of(Dispute.class, GoodPracticeAlert.class)) {
            assertThat(configuration.repository(aggregate)).as(aggregate.getName()).isInstanceOfSatisfying(
                    org.axonframework.eventsourcing.EventSourcingRepository.class,
                    repository -> assertThat(repository.getAggregateFactory())
                            .isInstanceOf(ConstructorAggregateFactory.class));
        }
    }

    /**
     * Axon's JDBC work joins the Spring transaction's connection as it is: the unit-of-work-aware wrapper would roll
     * the whole connection back when one unit of work fails (see DeadlineBatchTest).
     */
    @Test
    void axonUsesTheSpringTransactionsConnectionUnwrapped() {
        assertThat(context.getBean(org.axonframework.common.jdbc.ConnectionProvider.class))
                .isInstanceOf(org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider.class);
    }
}
