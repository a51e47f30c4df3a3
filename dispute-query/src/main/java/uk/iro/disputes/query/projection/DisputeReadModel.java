package uk.iro.disputes.query.projection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.event.FormalProcessStarted;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.kernel.state.MeetingRecord;
import uk.iro.disputes.kernel.state.StageState;

/**
 * Writes the dispute read model (tables {@code dispute}, {@code dispute_stage}, {@code dispute_action},
 * {@code dispute_meeting}, {@code dispute_participant}) with explicit SQL, in the caller's transaction.
 *
 * <p>Events are folded in memory ({@link #fold}) into a {@link Pending} row, and what changed is then written in one
 * go ({@link #write}): a processor batch folds all its events first and writes each dispute once, all the batch's
 * statements in one round trip (see {@link DisputeBatch}, {@link BatchStatements}); {@link #apply} does both for a
 * single event at once.
 */
@Component
public class DisputeReadModel {
    private static final Logger log = LoggerFactory.getLogger(DisputeReadModel.class);

    // Each statement runs once per write, over the rows of every dispute in it (see BatchStatements): a row's keys
    // are the table's column names. A statement that finds existing rows looks them up by the disputes' ids as an
    // array (= ANY), which the planner always takes to the index: joined to the rows' set instead, it may hash the
    // whole table, since it takes the set for 100 rows and a table's statistics can be far out of date.
    static final String DELETE_STAGES = deleteDisputesRows("dispute_stage");
    static final String DELETE_ACTIONS = deleteDisputesRows("dispute_action");
    static final String DELETE_MEETINGS = deleteDisputesRows("dispute_meeting");
    private static final String DISPUTE_COLUMNS = """
            dispute_id, version, state, policy_id, policy_version, child_case_id, responsible_team, iro_staff_id,
                track, categories, status, raised_on, raised_at, starting_stage, highest_stage, highest_stage_formal,
                current_stage, current_stage_title, current_assignee_role, current_assignee_staff_id,
                current_stage_opened_on, current_due_date, current_answered, current_recorded_overdue_on,
                formal_started_on, declared_total_due_date, statutory_due_date, total_due_date,
                timescale_breached_on, cafcass_referred_on, legal_advice_requested, resolution_outcome, resolved_on,
                withdrawn_on, closed_on, last_event_at, child_status, current_acknowledged_on,
                current_acknowledged_by""";
    static final String UPSERT_DISPUTE = "INSERT INTO dispute (" + DISPUTE_COLUMNS + ", projected_at)\n"
            + "SELECT " + DISPUTE_COLUMNS + ", now() FROM jsonb_populate_recordset(NULL::dispute, :rows)\n" + """
            ON CONFLICT (dispute_id) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state,
                responsible_team = EXCLUDED.responsible_team, status = EXCLUDED.status,
                starting_stage = EXCLUDED.starting_stage, highest_stage = EXCLUDED.highest_stage,
                highest_stage_formal = EXCLUDED.highest_stage_formal, current_stage = EXCLUDED.current_stage,
                current_stage_title = EXCLUDED.current_stage_title,
                current_assignee_role = EXCLUDED.current_assignee_role,
                current_assignee_staff_id = EXCLUDED.current_assignee_staff_id,
                current_stage_opened_on = EXCLUDED.current_stage_opened_on,
                current_due_date = EXCLUDED.current_due_date, current_answered = EXCLUDED.current_answered,
                current_recorded_overdue_on = EXCLUDED.current_recorded_overdue_on,
                formal_started_on = EXCLUDED.formal_started_on,
                declared_total_due_date = COALESCE(EXCLUDED.declared_total_due_date,
                    dispute.declared_total_due_date),
                statutory_due_date = EXCLUDED.statutory_due_date, total_due_date = EXCLUDED.total_due_date,
                timescale_breached_on = EXCLUDED.timescale_breached_on,
                cafcass_referred_on = EXCLUDED.cafcass_referred_on,
                legal_advice_requested = EXCLUDED.legal_advice_requested,
                resolution_outcome = EXCLUDED.resolution_outcome, resolved_on = EXCLUDED.resolved_on,
                withdrawn_on = EXCLUDED.withdrawn_on, closed_on = EXCLUDED.closed_on,
                last_event_at = EXCLUDED.last_event_at, projected_at = now(),
                child_status = EXCLUDED.child_status,
                current_acknowledged_on = EXCLUDED.current_acknowledged_on,
                current_acknowledged_by = EXCLUDED.current_acknowledged_by
            WHERE dispute.version < EXCLUDED.version""";
    private static final String STAGE_COLUMNS = """
            dispute_id, visit, stage_key, title, formal, assignee_role, assignee_staff_id, opened_on, due_date,
                extensions, recorded_overdue_on, responded_on, respondent_staff_id, respondent_role, response, left_on,
                acknowledged_by_staff_id, acknowledged_by_role, acknowledged_on, acknowledged_after_working_days""";
    static final String UPSERT_STAGE = "INSERT INTO dispute_stage (" + STAGE_COLUMNS + ")\n"
            + "SELECT " + STAGE_COLUMNS + " FROM jsonb_populate_recordset(NULL::dispute_stage, :rows)\n" + """
            ON CONFLICT (dispute_id, visit) DO UPDATE SET stage_key = EXCLUDED.stage_key,
                title = EXCLUDED.title, formal = EXCLUDED.formal, assignee_role = EXCLUDED.assignee_role,
                assignee_staff_id = EXCLUDED.assignee_staff_id, opened_on = EXCLUDED.opened_on,
                due_date = EXCLUDED.due_date, extensions = EXCLUDED.extensions,
                recorded_overdue_on = EXCLUDED.recorded_overdue_on, responded_on = EXCLUDED.responded_on,
                respondent_staff_id = EXCLUDED.respondent_staff_id,
                respondent_role = EXCLUDED.respondent_role, response = EXCLUDED.response,
                left_on = EXCLUDED.left_on, acknowledged_by_staff_id = EXCLUDED.acknowledged_by_staff_id,
                acknowledged_by_role = EXCLUDED.acknowledged_by_role,
                acknowledged_on = EXCLUDED.acknowledged_on,
                acknowledged_after_working_days = EXCLUDED.acknowledged_after_working_days""";
    static final String DELETE_VISIT_ACTIONS = """
            WITH r AS (SELECT * FROM jsonb_populate_recordset(NULL::dispute_action, :rows))
            DELETE FROM dispute_action a USING r
            WHERE a.dispute_id = ANY(ARRAY(SELECT dispute_id FROM r))
                AND a.dispute_id = r.dispute_id AND a.source = r.source AND a.visit = r.visit""";
    static final String INSERT_ACTION = """
            INSERT INTO dispute_action (dispute_id, source, visit, ordinal, description, owner_staff_id, owner_role,
                due_by)
            SELECT dispute_id, source, visit, ordinal, description, owner_staff_id, owner_role, due_by
            FROM jsonb_populate_recordset(NULL::dispute_action, :rows)""";
    static final String INSERT_MEETING = """
            INSERT INTO dispute_meeting (dispute_id, ordinal, stage_key, held_on, attendee_roles, outcome)
            SELECT dispute_id, ordinal, stage_key, held_on, attendee_roles, outcome
            FROM jsonb_populate_recordset(NULL::dispute_meeting, :rows)""";
    static final String INSERT_PARTICIPANT = """
            INSERT INTO dispute_participant (dispute_id, staff_id, role)
            SELECT dispute_id, staff_id, role FROM jsonb_populate_recordset(NULL::dispute_participant, :rows)
            ON CONFLICT DO NOTHING""";
    static final String LOCK_ROWS = "SELECT dispute_id, version, state::text AS state FROM dispute"
            + " WHERE dispute_id = ANY(?) ORDER BY dispute_id FOR UPDATE";
    private static final List<String> TABLES = List.of("dispute", "dispute_stage", "dispute_action",
            "dispute_meeting", "dispute_participant");
    /**
     * In the order they run: a refolded dispute's child rows go first, then the row the others reference, a stage
     * visit's old actions before its new ones.
     */
    private static final List<String> STATEMENTS = List.of(DELETE_STAGES, DELETE_ACTIONS, DELETE_MEETINGS,
            UPSERT_DISPUTE, UPSERT_STAGE, DELETE_VISIT_ACTIONS, INSERT_ACTION, INSERT_MEETING, INSERT_PARTICIPANT);

    /** Deletes every row of the table for the disputes the rows name. */
    private static String deleteDisputesRows(String table) {
        return "DELETE FROM " + table + " WHERE dispute_id = ANY(ARRAY("
                + "SELECT dispute_id FROM jsonb_populate_recordset(NULL::" + table + ", :rows)))";
    }

    private final JdbcTemplate template;
    private final EventStorageEngine events;
    private final ObjectProvider<ReadModelListener> listeners;
    /** The read models' column types, for a replay's binary COPY ({@link BatchStatements#copyingInserts}). */
    private final Map<String, Map<String, Integer>> copiedColumnTypes = new java.util.concurrent.ConcurrentHashMap<>();

    public DisputeReadModel(JdbcTemplate template, EventStorageEngine events,
            ObjectProvider<ReadModelListener> listeners) {
        this.template = template;
        this.events = events;
        this.listeners = listeners;
    }

    /**
     * Folds one event into its dispute's row and writes it at once; does nothing if the row already includes it.
     * The row is read (and locked) from the database unless an earlier event of the same batch wrote it (see
     * {@link BatchRows}).
     */
    public void apply(DisputeEvent event, long sequence, Instant timestamp, MetaData metaData) {
        String id = event.disputeId().value();
        Optional<BatchRows.Written> remembered = BatchRows.take(id);
        Pending row = remembered.map(w -> Pending.written(id, w)).orElseGet(() -> lock(List.of(id)).get(id));
        if (!fold(row, event, sequence, timestamp, metaData)) {
            remembered.ifPresent(w -> BatchRows.remember(id, w));
            return;
        }
        write(List.of(row));
        BatchRows.remember(id, new BatchRows.Written(row.version, row.state(), row.actors));
    }

    /**
     * The disputes' rows as stored (or {@link Pending#absent} where there is none), locked for the rest of the
     * transaction, in one query. Locked in the order of their ids, as every reader here does.
     */
    Map<String, Pending> lock(Collection<String> ids) {
        Map<String, Pending> rows = new HashMap<>();
        Object[] sorted = ids.stream().sorted().toArray();
        template.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(LOCK_ROWS);
            // Planned afresh each time, never as a cached generic plan: after a rebuild's TRUNCATE the table is empty,
            // a generic plan made then scans it whole, and the driver would keep that plan for the connection's life
            // (issue 8: a million-event rebuild slowed to ~500 events/s, each lock a scan of 100,000 rows).
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            statement.setArray(1, connection.createArrayOf("text", sorted));
            return statement;
        }, (org.springframework.jdbc.core.RowCallbackHandler) (ResultSet rs) -> {
            String id = rs.getString("dispute_id");
            rows.put(id, Pending.stored(id, rs.getLong("version"), rs.getString("state")));
        });
        ids.forEach(id -> rows.computeIfAbsent(id, Pending::absent));
        return rows;
    }

    /**
     * Folds one event into the row in memory; false (and nothing changed) if the row already includes it. If the
     * fold fails, the row is left as it was.
     */
    boolean fold(Pending row, DisputeEvent event, long sequence, Instant timestamp, MetaData metaData) {
        String id = row.disputeId;
        if (row.version >= sequence) {
            return false;
        }
        DisputeState before;
        Instant raisedAt = timestamp;
        // The fold keeps only the stricter of the totals; the policy's declared one comes from FormalProcessStarted.
        LocalDate declaredTotal = event instanceof FormalProcessStarted f ? f.declaredTotalDueDate() : null;
        List<MetaData> earlierActors = new ArrayList<>();
        boolean follows = row.version == sequence - 1;
        if (follows) {
            before = row.state();
        } else {
            // Not the next event of what the row holds (a row cleared by hand, or an event removed from the
            // store): fold the stream from the store up to this event rather than guess.
            log.warn("dispute {}: event {} does not follow the projected version {}; folding its stream from the store",
                    id, sequence, row.version);
            List<? extends DomainEventMessage<?>> earlier = events.readEvents(id).asStream()
                    .filter(m -> m.getSequenceNumber() < sequence).toList();
            before = DisputeState.initial();
            for (DomainEventMessage<?> message : earlier) {
                before = before.evolve((DisputeEvent) message.getPayload());
                earlierActors.add(message.getMetaData());
                if (message.getPayload() instanceof FormalProcessStarted f) {
                    declaredTotal = f.declaredTotalDueDate();
                }
            }
            if (!earlier.isEmpty()) {
                raisedAt = earlier.get(0).getTimestamp();
            }
        }
        DisputeState after = before.evolve(event);
        // Nothing below fails: the row takes the event.
        if (!follows) {
            // The child rows are written afresh, and no actor is taken as already added.
            row.childBase = DisputeState.initial();
            row.rewriteChildren = true;
            row.knownActors.clear();
        } else if (row.changes.isEmpty()) {
            row.childBase = before;
        }
        if (row.changes.isEmpty()) {
            row.raisedAt = raisedAt;
        }
        if (declaredTotal != null) {
            row.declaredTotal = declaredTotal;
        }
        earlierActors.forEach(m -> actor(m).ifPresent(row.actors::add));
        actor(metaData).ifPresent(row.actors::add);
        participants(after).forEach(p -> row.participants.add(participant(p)));
        row.folded(after, sequence);
        row.changes.add(new ReadModelListener.Change(before, after, event, sequence, timestamp, metaData));
        return true;
    }

    /**
     * Writes what the rows' folds changed: for each dispute the row's last state, the child rows that differ from
     * what they held, who newly took part; then what the listeners add for the same changes. All of it goes in one
     * round trip, the rows' own statements first; a statement that fails does so with those before it written (and
     * the caller's transaction, or savepoint, must undo them).
     */
    void write(Collection<Pending> rows) {
        write(rows, new BatchStatements(template, STATEMENTS));
    }

    /**
     * As {@link #write}, for a rebuild's replay into the emptied read models, in which each dispute is written once,
     * whole: the rows are loaded with {@code COPY} (see {@link BatchStatements#copyingInserts}).
     */
    void writeReplayed(Collection<Pending> rows) {
        write(rows, BatchStatements.copyingInserts(template, STATEMENTS, copiedColumnTypes));
    }

    private void write(Collection<Pending> rows, BatchStatements statements) {
        for (Pending row : rows) {
            writeRow(row, statements);
        }
        List<ReadModelListener> all = listeners.orderedStream().toList();
        for (Pending row : rows) {
            if (!row.changes.isEmpty()) {
                List<ReadModelListener.Change> changes = List.copyOf(row.changes);
                all.forEach(listener -> listener.applied(changes, statements));
            }
        }
        statements.execute();
    }

    private void writeRow(Pending row, BatchStatements statements) {
        if (row.changes.isEmpty()) {
            return;
        }
        String id = row.disputeId;
        ReadModelListener.Change last = row.changes.get(row.changes.size() - 1);
        if (row.rewriteChildren) {
            statements.add(DELETE_STAGES, Map.of("dispute_id", id));
            statements.add(DELETE_ACTIONS, Map.of("dispute_id", id));
            statements.add(DELETE_MEETINGS, Map.of("dispute_id", id));
        }
        statements.add(UPSERT_DISPUTE, upsert(last.after(), last.sequence(), last.timestamp(), row.raisedAt,
                row.declaredTotal));
        writeChildren(id, row.childBase, last.after(), statements);
        // Who newly took part: the people the folds name, and the events' actors, unless known to be there already.
        Set<BatchRows.Participant> added = new LinkedHashSet<>(row.participants);
        added.addAll(row.actors);
        participants(row.childBase).forEach(p -> added.remove(participant(p)));
        added.removeAll(row.knownActors);
        for (BatchRows.Participant p : added) {
            statements.add(INSERT_PARTICIPANT, Map.of("dispute_id", id, "staff_id", p.staffId(), "role", p.role()));
        }
    }

    /** Empties every read model, ahead of a replay. */
    public void clear() {
        template.execute("TRUNCATE " + String.join(", ", TABLES));
        listeners.orderedStream().forEach(ReadModelListener::cleared);
    }

    /** The tables of every read model kept with the dispute row: this one's and its listeners'. */
    public List<String> tables() {
        List<String> all = new ArrayList<>(TABLES);
        listeners.orderedStream().forEach(l -> all.addAll(l.tables()));
        return all;
    }

    /**
     * The columns of the caseload as they stand after a fold: the dispute row's, which the validity intervals copy.
     * Keyed by column name.
     */
    public static Map<String, Object> caseloadColumns(DisputeState s) {
        // Without Optionals and streams: made for every event a rebuild replays, they were most of its cost
        // (issue 8).
        StageState current = s.isOpen() ? s.currentStage().orElse(null) : null;
        StageState highest = highest(s);
        // Room for the dispute row's and the validity interval's columns added to these, without growing.
        Map<String, Object> c = new HashMap<>(64);
        c.put("policy_id", s.policy().id());
        c.put("policy_version", s.policy().version());
        c.put("child_case_id", s.child().caseId());
        c.put("responsible_team", s.responsibleTeam());
        c.put("iro_staff_id", s.iro().staffId());
        c.put("track", s.track().name());
        c.put("categories", BatchStatements.textArray(sortedNames(s.categories())));
        c.put("status", s.status().name());
        c.put("raised_on", s.raisedOn());
        c.put("highest_stage", highest == null ? null : highest.key().value());
        c.put("current_stage", current == null ? null : current.key().value());
        c.put("current_stage_title", current == null ? null : current.title());
        c.put("current_assignee_role", current == null || current.assigneeRole() == null ? null
                : current.assigneeRole().name());
        c.put("current_assignee_staff_id", current == null || current.assignee() == null ? null
                : current.assignee().staffId());
        c.put("current_stage_opened_on", current == null ? null : current.openedOn());
        c.put("current_due_date", current == null ? null : current.dueDate());
        c.put("current_answered", current != null && current.isAnswered());
        c.put("formal_started_on", s.formalStartedOn());
        c.put("resolved_on", s.resolution() == null ? null : s.resolution().resolvedOn());
        c.put("cafcass_referred_on", s.cafcassReferral() == null ? null : s.cafcassReferral().referredOn());
        c.put("legal_advice_requested", !s.legalAdviceRequestedOn().isEmpty());
        c.put("child_status", s.childStatus() == null ? "LOOKED_AFTER" : s.childStatus().name());
        c.put("current_acknowledged_on", current == null ? null : current.acknowledgedOn());
        c.put("current_acknowledged_by", current == null || current.acknowledgedBy() == null ? null
                : current.acknowledgedBy().staffId());
        return c;
    }

    /** The values' names, sorted. */
    private static List<String> sortedNames(Collection<? extends Enum<?>> values) {
        String[] names = new String[values.size()];
        int i = 0;
        for (Enum<?> value : values) {
            names[i++] = value.name();
        }
        Arrays.sort(names);
        return Arrays.asList(names);
    }

    /** The last formal stage visited, else the last stage; null before any. */
    private static StageState highest(DisputeState s) {
        List<StageState> stages = s.stages();
        for (int i = stages.size() - 1; i >= 0; i--) {
            if (stages.get(i).formal()) {
                return stages.get(i);
            }
        }
        return stages.isEmpty() ? null : stages.get(stages.size() - 1);
    }

    /**
     * The row's version is the stream's sequence number of the event, which the fold's own count equals unless an
     * event was removed from the store (verification reports that; the row still follows the stream as stored).
     */
    private static Map<String, Object> upsert(DisputeState s, long sequence, Instant timestamp, Instant raisedAt,
            LocalDate declaredTotal) {
        Optional<StageState> current = s.isOpen() ? s.currentStage() : Optional.empty();
        StageState highest = highest(s);
        // The caseload's columns are the dispute row's too; the rest are the row's alone.
        Map<String, Object> p = caseloadColumns(s);
        p.put("dispute_id", s.disputeId().value());
        p.put("version", sequence);
        // As a string, not embedded JSON: the column is text (V10), and keeps the fold as written, live or replayed.
        p.put("state", StateJson.write(s));
        // Set once, on insert: the first event's time.
        p.put("raised_at", raisedAt.atOffset(ZoneOffset.UTC));
        p.put("starting_stage", s.stages().isEmpty() ? null : s.stages().get(0).key().value());
        p.put("highest_stage_formal", highest != null && highest.formal());
        p.put("current_recorded_overdue_on", current.map(StageState::overdueOn).orElse(null));
        p.put("declared_total_due_date", declaredTotal);
        p.put("statutory_due_date", s.statutoryDueDate());
        p.put("total_due_date", s.totalDueDate());
        p.put("timescale_breached_on", s.timescaleBreachedOn());
        p.put("resolution_outcome", s.resolution() == null ? null : s.resolution().outcome().name());
        p.put("withdrawn_on", s.withdrawnOn());
        p.put("closed_on", s.closedOn());
        p.put("last_event_at", timestamp.atOffset(ZoneOffset.UTC));
        return p;
    }

    /**
     * Writes what differs between the fold the child rows hold ({@code written}) and the new one: an event changes
     * one stage visit, adds a meeting, or sets the resolution, so only those rows are touched.
     */
    private static void writeChildren(String id, DisputeState written, DisputeState s, BatchStatements statements) {
        List<StageState> stages = s.stages();
        List<StageState> old = written.stages();
        for (int visit = 0; visit < stages.size(); visit++) {
            StageState st = stages.get(visit);
            StageState was = visit < old.size() ? old.get(visit) : null;
            if (st.equals(was)) {
                continue;
            }
            Map<String, Object> p = new HashMap<>();
            p.put("dispute_id", id);
            p.put("visit", visit);
            p.put("stage_key", st.key().value());
            p.put("title", st.title());
            p.put("formal", st.formal());
            p.put("assignee_role", st.assigneeRole() == null ? null : st.assigneeRole().name());
            p.put("assignee_staff_id", st.assignee() == null ? null : st.assignee().staffId());
            p.put("opened_on", st.openedOn());
            p.put("due_date", st.dueDate());
            p.put("extensions", st.extensions());
            p.put("recorded_overdue_on", st.overdueOn());
            p.put("responded_on", st.respondedOn());
            p.put("respondent_staff_id", st.respondent() == null ? null : st.respondent().staffId());
            p.put("respondent_role", st.respondent() == null ? null : st.respondent().role().name());
            p.put("response", st.response());
            p.put("left_on", st.leftOn());
            p.put("acknowledged_by_staff_id", st.acknowledgedBy() == null ? null : st.acknowledgedBy().staffId());
            p.put("acknowledged_by_role", st.acknowledgedBy() == null ? null : st.acknowledgedBy().role().name());
            p.put("acknowledged_on", st.acknowledgedOn());
            p.put("acknowledged_after_working_days", st.acknowledgedAfterWorkingDays());
            statements.add(UPSERT_STAGE, p);
            List<PlannedAction> wasPlanned = was == null ? List.of() : was.plannedActions();
            if (!st.plannedActions().equals(wasPlanned)) {
                replaceActions(id, "RESPONSE", visit, wasPlanned, st.plannedActions(), statements);
            }
        }
        List<PlannedAction> agreed = s.resolution() == null ? List.of() : s.resolution().agreedActions();
        List<PlannedAction> wasAgreed = written.resolution() == null ? List.of() : written.resolution().agreedActions();
        if (!agreed.equals(wasAgreed)) {
            replaceActions(id, "RESOLUTION", -1, wasAgreed, agreed, statements);
        }
        List<MeetingRecord> meetings = s.meetings();
        for (int i = written.meetings().size(); i < meetings.size(); i++) {
            MeetingRecord m = meetings.get(i);
            statements.add(INSERT_MEETING, Map.of("dispute_id", id, "ordinal", i, "stage_key", m.stage().value(),
                    "held_on", m.heldOn(), "attendee_roles",
                    BatchStatements.textArray(m.attendeeRoles().stream().map(Enum::name).sorted().toList()),
                    "outcome", m.outcome().name()));
        }
    }

    /** Rows exist only for the actions the child rows' fold holds: nothing to delete when it held none. */
    private static void replaceActions(String id, String source, int visit, List<PlannedAction> old,
            List<PlannedAction> actions, BatchStatements statements) {
        if (!old.isEmpty()) {
            statements.add(DELETE_VISIT_ACTIONS, Map.of("dispute_id", id, "source", source, "visit", visit));
        }
        for (int i = 0; i < actions.size(); i++) {
            PlannedAction a = actions.get(i);
            statements.add(INSERT_ACTION, Map.of("dispute_id", id, "source", source, "visit", visit, "ordinal", i,
                    "description", a.description(), "owner_staff_id", a.owner().staffId(),
                    "owner_role", a.owner().role().name(), "due_by", a.dueBy()));
        }
    }

    /** The IRO, named assignees, respondents and action owners of a fold. */
    private static Set<StaffReference> participants(DisputeState s) {
        Set<StaffReference> all = new HashSet<>();
        if (s.iro() != null) {
            all.add(s.iro());
        }
        for (StageState st : s.stages()) {
            if (st.assignee() != null) {
                all.add(st.assignee());
            }
            if (st.respondent() != null) {
                all.add(st.respondent());
            }
            if (st.acknowledgedBy() != null) {
                all.add(st.acknowledgedBy());
            }
            st.plannedActions().forEach(a -> all.add(a.owner()));
        }
        if (s.resolution() != null) {
            s.resolution().agreedActions().forEach(a -> all.add(a.owner()));
        }
        return all;
    }

    private static BatchRows.Participant participant(StaffReference who) {
        return new BatchRows.Participant(who.staffId(), who.role().name());
    }

    /**
     * The event's actor (subject and role from the caller's token), if the metadata names one and it is a person.
     * The scheduler (role SYSTEM) acts on every dispute whose deadline passes, under its instance's name, and reads
     * nothing here ({@link uk.iro.disputes.query.security.DisputeAccess}): as a participant it added a row per dispute
     * and scheduler instance that no one's access uses, and that insert was about a sixth of the projection's
     * statement time while 100,000 deadlines fired (issue 8). The event's metadata keeps the actor, for the audit.
     */
    private static Optional<BatchRows.Participant> actor(MetaData metaData) {
        Object subject = metaData.get("subject");
        Object role = metaData.get("role");
        return subject == null || role == null || Role.SYSTEM.name().equals(String.valueOf(role)) ? Optional.empty()
                : Optional.of(new BatchRows.Participant(String.valueOf(subject), String.valueOf(role)));
    }
}
