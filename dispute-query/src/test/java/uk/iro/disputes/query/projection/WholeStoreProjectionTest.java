package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.iro.disputes.kernel.audit.HashChain;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.query.history.StoredEvents;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.query.support.QueryServiceTest;

/**
 * Every dispute in the store, whoever wrote it: in a full build dispute-command's tests run first, so this covers
 * streams produced by the real aggregate through its REST API, as well as this module's own. Once the projection
 * has caught up with the store's head, every stream up to that head has a row, and every row is exactly the fold
 * of its stream up to the row's version, unless the stream was tampered with in the store (the command service's
 * tamper tests leave such streams), which verification then reports.
 */
class WholeStoreProjectionTest extends QueryServiceTest {
    @Autowired
    EventStore eventStore;
    @Autowired
    StoredEvents storedEvents;
    @Autowired
    SkippedEventSweep sweep;

    @Test
    void everyRowIsTheFoldOfItsStream() {
        ladder("warwickshire").on(LocalDate.of(2026, 3, 2)).raise(Track.INFORMAL);  // never an empty store
        long head = projection.headIndex();
        awaitCaughtUp();
        // What the processor went past unseen (late commits of back-dated events, see LateCommitTest) is the
        // sweep's to bring in; it runs every minute in service.
        sweep.sweepOnce();

        Map<String, Long> lastSequenceAtHead = new java.util.HashMap<>();
        jdbc.sql("SELECT aggregateidentifier, max(sequencenumber) FROM disputes_command.domainevententry"
                        + " WHERE globalindex <= :head AND type IS DISTINCT FROM 'GoodPracticeAlert'"
                        + " GROUP BY aggregateidentifier")
                .param("head", head)
                .query((rs, i) -> lastSequenceAtHead.put(rs.getString(1), rs.getLong(2))).list();
        // Good-practice alerts are streams of their own, projected into their own table and never into dispute.
        List<String> alertsBehind = jdbc.sql("SELECT s.id FROM (SELECT aggregateidentifier AS id,"
                        + " max(sequencenumber) AS seq FROM disputes_command.domainevententry WHERE globalindex <= :head"
                        + " AND type = 'GoodPracticeAlert' GROUP BY aggregateidentifier) s"
                        + " LEFT JOIN disputes_query.good_practice g ON g.alert_id = s.id"
                        + " WHERE g.version IS NULL OR g.version < s.seq")
                .param("head", head).query(String.class).list();
        assertThat(alertsBehind).as("good-practice alerts not projected up to the head").isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM disputes_query.dispute WHERE dispute_id LIKE 'gp-%'")
                .query(Long.class).single()).as("an alert is never a dispute row").isZero();
        Map<String, Long> projected = new java.util.HashMap<>();
        jdbc.sql("SELECT dispute_id, version FROM disputes_query.dispute")
                .query((rs, i) -> projected.put(rs.getString(1), rs.getLong(2))).list();

        // A stream the projection cannot handle (another module's tests write deliberately partial streams, such
        // as a StageOpened with no DisputeRaised, into the shared store) is parked whole in the dead-letter queue:
        // that, not a row, is the right outcome for it, and the admin status lists it.
        java.util.Set<String> parked = new java.util.HashSet<>(jdbc.sql(
                        "SELECT DISTINCT sequenceidentifier FROM disputes_query.deadletterentry")
                .query(String.class).list());
        parked.forEach(lastSequenceAtHead::remove);

        List<String> missing = new ArrayList<>();
        lastSequenceAtHead.forEach((id, seq) -> {
            if (projected.getOrDefault(id, -1L) < seq) {
                missing.add(id + " (stream at " + seq + ", row at " + projected.get(id) + ")");
            }
        });
        assertThat(missing).as("streams not projected up to the head").isEmpty();

        List<String> wrong = new ArrayList<>();
        int tampered = 0;
        for (String id : lastSequenceAtHead.keySet()) {
            // Version and state read together: the row may move on meanwhile if its stream grows.
            Map<String, Object> stored = jdbc.sql("SELECT version, state::text AS state FROM disputes_query.dispute"
                    + " WHERE dispute_id = :id").param("id", id).query().singleRow();
            long version = (Long) stored.get("version");
            DisputeState row = StateJson.read((String) stored.get("state"));
            // Up to the row's version, a sequence number: a stream with an event removed by hand (the command
            // service's tamper tests leave some) is folded as stored.
            List<? extends org.axonframework.eventhandling.DomainEventMessage<?>> stream =
                    eventStore.readEvents(id).asStream().toList();
            long lastStored = stream.isEmpty() ? -1 : stream.get(stream.size() - 1).getSequenceNumber();
            if (version > lastStored) {
                // The row saw events the store no longer holds (tamper tests delete a last event): verification
                // must say so, and the row cannot be the fold of what is left.
                var verdict = api.get("/api/v1/disputes/" + id + "/verification",
                        uk.iro.disputes.query.support.TestTokens.token("auditor-1",
                                uk.iro.disputes.kernel.dispute.Role.AUDITOR)).json();
                if (verdict.get("intact").asBoolean() || !"MISSING".equals(verdict.get("kind").asText())) {
                    wrong.add(id + " (events removed from the store, but verification says " + verdict + ")");
                }
                continue;
            }
            if (HashChain.verify(storedEvents.of(id).stream().map(StoredEvents.Row::forChain).toList()).isPresent()) {
                // Tampered with in the store (the command service's tests change payloads and delete events by
                // SQL, possibly after this row was projected): verification reports it; nothing to compare.
                tampered++;
                continue;
            }
            DisputeState fold = DisputeState.of(stream.stream()
                    .filter(m -> m.getSequenceNumber() <= version)
                    .map(m -> (DisputeEvent) m.getPayload()).toList());
            if (!fold.equals(row)) {
                wrong.add(id);
            }
        }
        assertThat(wrong).as("rows that are not the fold of their stream, of " + lastSequenceAtHead.size()
                + " (" + tampered + " tampered with)").isEmpty();
        assertThat(tampered).as("streams tampered with").isLessThan(lastSequenceAtHead.size());
    }
}
