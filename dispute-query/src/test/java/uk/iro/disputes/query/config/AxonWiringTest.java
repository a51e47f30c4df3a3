package uk.iro.disputes.query.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
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

    /**
     * Events come from another process, so the projection finds them only by reading the table again; a processor
     * whose stream takes no "available" callback would look only every 500 ms. The projection's coordinator takes
     * the callback, and a waiting stream is prompted about once per fetch delay, each prompt one read.
     */
    @Test
    void theProjectionLooksForNewEventsOncePerFetchDelay() throws Exception {
        assertThat(eventStore).isInstanceOf(PollingEventStore.class);
        PollingEventStore store = (PollingEventStore) eventStore;
        assertThat(store.fetchDelay()).as("iro.query.event-fetch-delay").isEqualTo(EVENT_FETCH_DELAY);
        await("the projection's coordinator to take the callback", () -> store.promptedStreams() >= 1);

        java.util.concurrent.atomic.AtomicInteger prompts = new java.util.concurrent.atomic.AtomicInteger();
        try (var stream = store.openStream(eventStore.createHeadToken())) {
            assertThat(stream.setOnAvailableCallback(() -> {
                prompts.incrementAndGet();
                stream.hasNextAvailable();
            })).isTrue();
            Thread.sleep(1_500);
        }
        // Every 150 ms in these tests: some ten prompts in 1.5 s, where a 500 ms poll would make three.
        assertThat(prompts.get()).isBetween(5, 20);
        int afterClose = prompts.get();
        Thread.sleep(300);
        assertThat(prompts.get()).as("a closed stream is no longer prompted").isEqualTo(afterClose);
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
