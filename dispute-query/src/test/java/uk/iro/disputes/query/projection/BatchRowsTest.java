package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.query.support.Api;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;
import uk.iro.disputes.query.support.TestTokens;

/**
 * Within one unit of work (one processor batch) the projection remembers the rows it wrote instead of reading them
 * back; an event rolled back to its savepoint must leave nothing remembered, or the dispute's next attempt in the
 * same batch would be taken as already projected. Driven by hand: the dispute's events are parked by the
 * processor (failure injected), then handed to the projection in one unit of work, as a batch would.
 */
class BatchRowsTest extends QueryServiceTest {
    static final StaffReference TM = StaffReference.of("tm-br", Role.TEAM_MANAGER);
    @Autowired
    DisputeProjection projection;
    @Autowired
    TransactionManager axonTransactions;
    Ladder d;

    @AfterEach
    void heal() {
        if (d != null) {
            failures.heal(d.idValue());
        }
    }

    @Test
    void anEventRolledBackToItsSavepointIsNotRememberedAsWritten() {
        d = ladder("birmingham").raise(Track.FORMAL);
        awaitProjected(d);
        long projected = d.version();
        failures.failFor(d.idValue());
        // At instants of their own, so each step keeps an interval (one instant keeps only its last state's).
        d.at(d.now().plusSeconds(1)).acknowledge(TM);
        d.at(d.now().plusSeconds(1)).respond(TM, "Agreed.");
        await("the dispute's new events to be parked", () -> parked() == 2);
        // As the processor hands them over: the stored messages (timestamps as stored, the actor's metadata).
        List<? extends DomainEventMessage<?>> events = axonEventStore.readEvents(d.idValue()).asStream().toList();
        int acknowledged = (int) projected + 1;

        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.attachTransaction(axonTransactions);
        try {
            assertThatThrownBy(() -> handle(events, acknowledged)).hasMessageContaining("injected failure");
            failures.heal(d.idValue());
            handle(events, acknowledged);
            // Read in the batch's own transaction (this thread's): the retried event was applied, not skipped.
            assertThat(rowVersion()).isEqualTo(acknowledged);
            handle(events, acknowledged + 1);
            batch.commit();
        } catch (RuntimeException | Error e) {
            batch.rollback(e);
            throw e;
        }

        assertThat(rowVersion()).as("the failed attempt left nothing, the retry in the same batch applied")
                .isEqualTo(d.version());
        assertThat(jdbc.sql("SELECT state FROM disputes_query.dispute WHERE dispute_id = :id")
                .param("id", d.idValue()).query(String.class).single()).isEqualTo(StateJson.write(d.state()));
        assertThat(jdbc.sql("SELECT version FROM disputes_query.dispute_interval WHERE dispute_id = :id"
                        + " ORDER BY version").param("id", d.idValue()).query(Long.class).list())
                .as("an interval for every instant, the acknowledgement's included")
                .containsExactly(projected, (long) acknowledged, d.version());
        assertThat(jdbc.sql("SELECT count(*) FROM disputes_query.dispute_participant WHERE dispute_id = :id"
                        + " AND staff_id = :staff AND role = 'TEAM_MANAGER'")
                .param("id", d.idValue()).param("staff", TM.staffId()).query(Long.class).single()).isEqualTo(1);

        // The parked events are now at or below the row's version: the retry skips them and empties the queue.
        Api.Call retry = api.post("/api/v1/admin/projection/dead-letters/retry",
                TestTokens.token("admin-br", Role.ADMIN), null);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(parked()).isZero();
        assertThat(rowVersion()).isEqualTo(d.version());
    }

    private void handle(List<? extends DomainEventMessage<?>> events, int sequence) {
        DomainEventMessage<?> m = events.get(sequence);
        projection.on((DisputeEvent) m.getPayload(), m.getSequenceNumber(), m.getTimestamp(), m.getMetaData());
    }

    private long parked() {
        return jdbc.sql("SELECT count(*) FROM disputes_query.deadletterentry WHERE sequenceidentifier = :id")
                .param("id", d.idValue()).query(Long.class).single();
    }

    private long rowVersion() {
        return jdbc.sql("SELECT version FROM disputes_query.dispute WHERE dispute_id = :id")
                .param("id", d.idValue()).query(Long.class).single();
    }
}
