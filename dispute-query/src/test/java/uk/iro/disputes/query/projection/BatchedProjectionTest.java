package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.query.support.Api;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;
import uk.iro.disputes.query.support.TestTokens;

/**
 * The processor's batches fold events in memory and write each dispute once (see {@link DisputeBatch}); one event at
 * a time, under a savepoint, is the careful path. Both must leave exactly the same read models, a replayed batch
 * must change nothing, and a batch whose write fails must not stop the other disputes nor lose the bad one's events.
 */
class BatchedProjectionTest extends QueryServiceTest {
    static final StaffReference TM = StaffReference.of("tm-bp", Role.TEAM_MANAGER);
    static final StaffReference OPS = StaffReference.of("ops-bp", Role.SENIOR_MANAGER);
    /** Every read-model table of a dispute, with the order that makes its rows comparable. */
    static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("dispute", "dispute_id");
        TABLES.put("dispute_stage", "dispute_id, visit");
        TABLES.put("dispute_action", "dispute_id, source, visit, ordinal");
        TABLES.put("dispute_meeting", "dispute_id, ordinal");
        TABLES.put("dispute_participant", "dispute_id, staff_id, role");
        TABLES.put("dispute_interval", "dispute_id, version");
        TABLES.put("dispute_fact", "dispute_id, sequence");
    }

    @Autowired
    DisputeReadModel readModel;
    @Autowired
    DisputeProjection handler;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    TransactionManager axonTransactions;
    String poisonTrigger;

    @AfterEach
    void dropPoison() {
        if (poisonTrigger != null) {
            jdbc.sql("DROP TRIGGER IF EXISTS " + poisonTrigger + " ON disputes_query.dispute").update();
            jdbc.sql("DROP FUNCTION IF EXISTS disputes_query." + poisonTrigger + "()").update();
        }
    }

    /** Walks that, between them, touch every read-model table: actions, meetings, facts, reopening, participants. */
    private final List<UnaryOperator<Ladder>> walks = List.of(
            d -> d.raise(Track.FORMAL).acknowledge(TM)
                    .respond(TM, "Looked at it.", new PlannedAction("Book the review", TM, LocalDate.now().plusDays(9)))
                    .escalate(null).overdue().extend(LocalDate.now().plusDays(30)).respond(OPS, "Agreed.")
                    .resolve(ResolutionOutcome.RESOLVED, new PlannedAction("Review", OPS, LocalDate.now().plusDays(20))),
            d -> d.raise(Track.FORMAL).meeting(TM, MeetingOutcome.ACTIONS_AGREED, Role.IRO, Role.TEAM_MANAGER)
                    .legalAdvice().referToCafcass().childInformed(),
            d -> d.raise(Track.INFORMAL).respond(TM, "Done.").resolve(ResolutionOutcome.RESOLVED)
                    .monitoring(false, MonitoringNextStep.REOPEN_AT_LAST_STAGE).overdue().withdraw(),
            d -> d.raise(Track.FORMAL).escalate(null).escalate(null).breach().close());

    @Test
    void aBacklogProjectedInBatchesEqualsTheSameEventsProjectedOneAtATime() {
        List<Ladder> disputes = backlog(8);
        List<String> ids = disputes.stream().map(Ladder::idValue).toList();
        Map<String, List<String>> batched = snapshot(ids, false);
        assertThat(batched.get("dispute")).hasSize(disputes.size());
        assertThat(batched.values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());

        // The same events again, one at a time under savepoints, as the sweep for skipped events hands them over.
        for (String table : TABLES.keySet()) {
            jdbc.sql("DELETE FROM disputes_query." + table + " WHERE dispute_id = ANY(:ids)")
                    .param("ids", ids.toArray(String[]::new)).update();
        }
        for (Ladder d : disputes) {
            for (DomainEventMessage<?> m : axonEventStore.readEvents(d.idValue()).asStream().toList()) {
                transactions.executeWithoutResult(tx -> readModel.apply((DisputeEvent) m.getPayload(),
                        m.getSequenceNumber(), m.getTimestamp(), m.getMetaData()));
            }
        }

        assertThat(snapshot(ids, false)).isEqualTo(batched);
    }

    @Test
    void aBatchReplayedOverItsOwnRowsChangesNothing() {
        List<Ladder> disputes = backlog(4);
        List<String> ids = disputes.stream().map(Ladder::idValue).toList();
        Map<String, List<String>> projected = snapshot(ids, true);

        // As after a token reset to before the batch: the processor's batch, given the same tracked events again.
        List<EventMessage<?>> batch = new ArrayList<>();
        for (Ladder d : disputes) {
            for (DomainEventMessage<?> m : axonEventStore.readEvents(d.idValue()).asStream().toList()) {
                long index = jdbc.sql("SELECT globalindex FROM disputes_command.domainevententry"
                                + " WHERE aggregateidentifier = :id AND sequencenumber = :seq")
                        .param("id", d.idValue()).param("seq", m.getSequenceNumber()).query(Long.class).single();
                batch.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(index), m));
            }
        }
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.attachTransaction(axonTransactions);
        var result = unitOfWork.executeWithResult(() -> {
            DomainEventMessage<?> d = (DomainEventMessage<?>) unitOfWork.getMessage();
            handler.on((DisputeEvent) d.getPayload(), d.getSequenceNumber(), d.getTimestamp(), d.getMetaData());
            return null;
        });
        assertThat(result.isExceptional()).as(String.valueOf(result)).isFalse();

        assertThat(snapshot(ids, true)).as("every row, projected_at included").isEqualTo(projected);
    }

    /**
     * One dispute's row cannot be written (a trigger refuses it): its batch fails as a whole at commit, and Axon
     * retries it. The retry goes event by event, so the other disputes of the batch are projected and the bad one
     * is parked; nothing is lost, and it catches up once the database accepts it again.
     */
    @Test
    void aBatchWhoseWriteFailsIsRetriedEventByEventAndParksOnlyTheBadDispute() {
        Ladder bad = ladder("birmingham").raise(Track.FORMAL);
        awaitProjected(bad);
        long projected = bad.version();
        poisonTrigger = "poison_" + bad.idValue().replace("-", "").substring(0, 12);
        jdbc.sql("CREATE FUNCTION disputes_query." + poisonTrigger + "() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN IF NEW.dispute_id = '" + bad.idValue() + "' THEN"
                + " RAISE EXCEPTION 'dispute % refused by the test', NEW.dispute_id; END IF; RETURN NEW; END $$")
                .update();
        jdbc.sql("CREATE TRIGGER " + poisonTrigger + " BEFORE INSERT OR UPDATE ON disputes_query.dispute"
                + " FOR EACH ROW EXECUTE FUNCTION disputes_query." + poisonTrigger + "()").update();

        StreamingEventProcessor processor = projection.processor().orElseThrow();
        List<Ladder> others = new ArrayList<>();
        processor.shutDown();
        try {
            // At instants of their own, so each step's interval is kept (one instant keeps only its last state's).
            bad.at(bad.now().plusSeconds(1)).acknowledge(TM);
            bad.at(bad.now().plusSeconds(1)).respond(TM, "Agreed.");
            for (int i = 0; i < 6; i++) {
                others.add(ladder("birmingham").raise(Track.FORMAL).acknowledge(TM));
            }
        } finally {
            processor.start();
        }

        others.forEach(this::awaitProjected);
        await("the bad dispute's new events to be parked", () -> parked(bad) == bad.version() - projected);
        assertThat(rowVersion(bad)).isEqualTo(projected);

        dropPoison();
        poisonTrigger = null;
        Api.Call retry = api.post("/api/v1/admin/projection/dead-letters/retry",
                TestTokens.token("admin-bp", Role.ADMIN), null);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(parked(bad)).isZero();
        assertThat(rowVersion(bad)).isEqualTo(bad.version());
        assertThat(jdbc.sql("SELECT count(*) FROM disputes_query.dispute_interval WHERE dispute_id = :id")
                .param("id", bad.idValue()).query(Long.class).single())
                .as("an interval for each instant of its events").isEqualTo(3);
    }

    /** Disputes walked while the processor is stopped, then projected as a backlog, in full batches. */
    private List<Ladder> backlog(int count) {
        awaitProjected(ladder("birmingham").raise(Track.INFORMAL));
        awaitCaughtUp();
        StreamingEventProcessor processor = projection.processor().orElseThrow();
        List<Ladder> disputes = new ArrayList<>();
        processor.shutDown();
        try {
            for (int i = 0; i < count; i++) {
                disputes.add(walks.get(i % walks.size()).apply(ladder("birmingham")));
            }
        } finally {
            processor.start();
        }
        disputes.forEach(this::awaitProjected);
        return disputes;
    }

    /** Every row of every read-model table for the disputes, as JSON, in key order. */
    private Map<String, List<String>> snapshot(List<String> ids, boolean withProjectedAt) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        TABLES.forEach((table, key) -> tables.put(table, jdbc.sql("SELECT (to_jsonb(t)"
                        + (withProjectedAt ? "" : " - 'projected_at'") + ")::text FROM disputes_query." + table
                        + " t WHERE dispute_id = ANY(:ids) ORDER BY " + key)
                .param("ids", ids.toArray(String[]::new)).query(String.class).list()));
        return tables;
    }


    /**
     * The batch's row lock is planned with its ids every time, never turned into a cached generic plan by the
     * driver (it server-prepares a statement from its fifth use): a generic plan made while the table was empty,
     * after a rebuild's TRUNCATE, scanned the whole table on every later batch.
     */
    @Test
    void theRowLockIsNeverACachedPreparedStatement() {
        List<String> ids = List.of("no-such-dispute-1", "no-such-dispute-2");
        long prepared = transactions.execute(tx -> {
            for (int i = 0; i < 10; i++) {
                assertThat(readModel.lock(ids)).containsOnlyKeys(ids);
            }
            // The same connection: the transaction's.
            return jdbc.sql("SELECT count(*) FROM pg_prepared_statements WHERE statement = :sql")
                    .param("sql", DisputeReadModel.LOCK_ROWS.replace("?", "$1")).query(Long.class).single();
        });
        assertThat(prepared).isZero();
    }
}
