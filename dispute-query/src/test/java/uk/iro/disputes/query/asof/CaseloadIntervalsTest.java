package uk.iro.disputes.query.asof;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.query.projection.DisputeReadModel;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;
import uk.iro.disputes.query.support.RealDispute;

/**
 * A dispute keeps one caseload interval for each instant at which its events were recorded, holding the last
 * state at that instant; an interval that would end where it begins (the events of one command share a timestamp)
 * is never kept, whether the command's events are projected together or in two batches (issue 8). What the
 * caseload shows at each instant is checked against the folds by {@link CaseloadAsOfTest}.
 */
class CaseloadIntervalsTest extends QueryServiceTest {
    private static final StaffReference TM = StaffReference.of("tm-ci", Role.TEAM_MANAGER);

    @Autowired
    DisputeReadModel readModel;
    @Autowired
    TransactionTemplate transactions;

    record Interval(long version, Instant from, Instant to) {
    }

    @Test
    void aDisputeKeepsOneIntervalForEachInstantOfItsEvents() {
        RealDispute d = realDispute("birmingham").raise(Track.FORMAL);
        d.respond(StaffReference.of("resp-ci", d.state().currentStage().orElseThrow().assigneeRole()), "In part.")
                .escalate(null);
        d.respond(StaffReference.of("resp-ci-2", d.state().currentStage().orElseThrow().assigneeRole()), "Funded.");
        awaitProjected(d);
        List<Instant> times = d.times();

        List<Interval> expected = new ArrayList<>();
        for (int v = 0; v < times.size(); v++) {
            boolean last = v + 1 == times.size();
            if (last || times.get(v + 1).isAfter(times.get(v))) {
                Instant to = last ? null : times.get(v + 1);
                expected.add(new Interval(v, times.get(v), to));
            }
        }
        assertThat(expected).as("the walk has commands of more than one event").hasSizeLessThan(times.size());
        assertThat(intervals(d.idValue())).isEqualTo(expected);
    }

    @Test
    void anIntervalLeftOpenIsDeletedWhenTheNextEventOfItsInstantComesInALaterBatch() {
        awaitCaughtUp();
        StreamingEventProcessor processor = projection.processor().orElseThrow();
        Ladder d;
        processor.shutDown();
        try {
            d = ladder("birmingham").raise(Track.FORMAL);
            List<? extends DomainEventMessage<?>> events = axonEventStore.readEvents(d.idValue()).asStream().toList();
            assertThat(events).hasSizeGreaterThan(1);
            Instant raisedAt = events.get(0).getTimestamp();
            assertThat(events).allMatch(e -> e.getTimestamp().equals(raisedAt));

            // Each event in a transaction of its own, as when a processor's batch ends between them.
            apply(events.get(0));
            assertThat(intervals(d.idValue())).containsExactly(new Interval(0, raisedAt, null));
            for (int i = 1; i < events.size(); i++) {
                apply(events.get(i));
            }
            assertThat(intervals(d.idValue())).containsExactly(new Interval(events.size() - 1, raisedAt, null));

            // A later instant closes the one left open.
            Instant later = raisedAt.plusSeconds(60);
            d.at(later).respond(TM, "Agreed.");
            List<? extends DomainEventMessage<?>> all = axonEventStore.readEvents(d.idValue()).asStream().toList();
            apply(all.get(all.size() - 1));
            assertThat(intervals(d.idValue())).containsExactly(new Interval(events.size() - 1, raisedAt, later),
                    new Interval(all.size() - 1, later, null));
        } finally {
            processor.start();
        }
        awaitProjected(d);
        assertThat(intervals(d.idValue())).hasSize(2);
    }

    /** Migration V11 removes the empty intervals kept before, and nothing else. */
    @Test
    void theMigrationRemovesOnlyEmptyIntervals() throws Exception {
        String script;
        try (var in = getClass().getResourceAsStream("/db/migration/query/V11__no_empty_intervals.sql")) {
            script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String id = "v11-probe-" + java.util.UUID.randomUUID();
        List<Interval> left = transactions.execute(tx -> {
            insert(id, 0, "2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z");   // empty: ends where it begins
            insert(id, 1, "2026-03-02T10:00:00Z", "2026-03-03T10:00:00Z");
            insert(id, 2, "2026-03-03T10:00:00Z", null);
            jdbc.sql("SET LOCAL search_path TO disputes_query").update();
            jdbc.sql(script).update();
            List<Interval> rows = intervals(id);
            tx.setRollbackOnly();
            return rows;
        });
        assertThat(left).extracting(Interval::version).containsExactly(1L, 2L);
    }

    private void insert(String id, long version, String from, String to) {
        jdbc.sql("""
                INSERT INTO disputes_query.dispute_interval (dispute_id, version, valid_from, valid_to, policy_id,
                    policy_version, child_case_id, iro_staff_id, track, categories, status, raised_on,
                    current_answered, legal_advice_requested)
                VALUES (:id, :version, CAST(:from AS timestamptz), CAST(:to AS timestamptz), 'p', 1, 'c', 'i',
                    'FORMAL', '{}', 'OPEN', DATE '2026-03-02', false, false)""")
                .param("id", id).param("version", version).param("from", from).param("to", to).update();
    }

    private void apply(DomainEventMessage<?> m) {
        transactions.executeWithoutResult(tx -> readModel.apply((DisputeEvent) m.getPayload(), m.getSequenceNumber(),
                m.getTimestamp(), m.getMetaData()));
    }

    private List<Interval> intervals(String id) {
        return jdbc.sql("SELECT version, valid_from, valid_to FROM disputes_query.dispute_interval"
                        + " WHERE dispute_id = :id ORDER BY version").param("id", id)
                .query((rs, n) -> new Interval(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                .list();
    }
}
