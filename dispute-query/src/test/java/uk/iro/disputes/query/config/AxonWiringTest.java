package uk.iro.disputes.query.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeRaised;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;

/**
 * Guards the traps in STACK-NOTES and the service's place in the system: Axon runs in Spring transactions (so
 * tokens and read models commit together), tokens live in disputes_query, events are read from the command
 * service's table and are never written from here.
 */
class AxonWiringTest extends QueryServiceTest {
    @Autowired
    TransactionManager axonTransactionManager;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    EventStore eventStore;
    @Autowired
    TokenStore tokenStore;

    @Test
    void axonRunsInSpringTransactionsWithJsonEventsAndAJdbcTokenStore() {
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(eventSerializer).isInstanceOf(JacksonSerializer.class);
        assertThat(storageEngine).isInstanceOf(ReadOnlyEventStorageEngine.class);
        assertThat(((ReadOnlyEventStorageEngine) storageEngine).delegate()).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(eventSchema.domainEventTable()).isEqualTo("disputes_command.domainevententry");
    }

    /** Events come from another process, so the store's poll interval is the floor of the projection's lag. */
    @Test
    void theStorePollsAtTheConfiguredIntervalNotAxonsOneSecond() throws ReflectiveOperationException {
        assertThat(eventStore).isInstanceOf(EmbeddedEventStore.class);
        Field producerField = EmbeddedEventStore.class.getDeclaredField("producer");
        producerField.setAccessible(true);
        Object producer = producerField.get(eventStore);
        Field delay = producer.getClass().getDeclaredField("fetchDelayNanos");
        delay.setAccessible(true);

        assertThat(delay.getLong(producer)).isEqualTo(EVENT_FETCH_DELAY.toNanos());
    }

    /**
     * What the store fetched beyond a lagging processor's place is let go of every second, not Axon's ten: a bulk
     * load otherwise filled the 512 MiB heap (issue 8).
     */
    @Test
    void whatALaggingProcessorHasNotReadIsLetGoOfEverySecond() throws ReflectiveOperationException {
        Field cleanup = EmbeddedEventStore.class.getDeclaredField("cleanupDelayMillis");
        cleanup.setAccessible(true);
        assertThat(cleanup.getLong(eventStore)).isEqualTo(1_000L);
    }

    /**
     * A pooled processor whose stream offers no "available" callback looks for new events only every 500 ms; the
     * store's streams offer one and call it every hand-over interval, and the projection's coordinator took it.
     */
    @Test
    void processorsAreToldOfNewEventsPromptlyNotEveryHalfSecond() throws Exception {
        assertThat(eventStore).isInstanceOf(PromptEventStore.class);
        PromptEventStore store = (PromptEventStore) eventStore;
        await("the projection's coordinator to take the callback", () -> store.promptedStreams() >= 1);

        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        try (var stream = store.openStream(null)) {
            assertThat(stream.setOnAvailableCallback(calls::incrementAndGet)).isTrue();
            Thread.sleep(1_000);
        }
        // Every 20 ms by default: some 50 calls in a second; far more than the two a 500 ms poll would make.
        assertThat(calls.get()).isGreaterThan(10);
        int afterClose = calls.get();
        Thread.sleep(200);
        assertThat(calls.get()).as("a closed stream is no longer called").isEqualTo(afterClose);
    }

    @Test
    void readsTheCommandServicesEventsThroughAxon() {
        Ladder ladder = ladder("wakefield").raise(Track.INFORMAL);

        List<? extends DomainEventMessage<?>> read = eventStore.readEvents(ladder.idValue()).asStream().toList();

        assertThat(read).hasSize(2);
        assertThat(read.get(0).getPayload()).isEqualTo(ladder.events().get(0));
        assertThat(read.get(0).getPayload()).isInstanceOf(DisputeRaised.class);
        assertThat(read.get(0).getMetaData()).containsEntry("subject", ladder.iroRef().staffId());
    }

    @Test
    void neverWritesToTheEventStore() {
        var event = new GenericDomainEventMessage<>("Dispute", "not-a-dispute", 0, "x", java.util.Map.of(),
                "id-" + System.nanoTime(), Instant.now());

        assertThatThrownBy(() -> storageEngine.appendEvents(List.of(event)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> eventStore.publish(event)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM disputes_command.domainevententry WHERE aggregateidentifier = "
                + "'not-a-dispute'").query(Long.class).single()).isZero();
    }

    @Test
    void tokensAreStoredInTheQuerySchema() {
        assertThat(jdbc.sql("SELECT to_regclass('disputes_query.tokenentry') IS NOT NULL").query(Boolean.class)
                .single()).isTrue();
    }
}
