package uk.iro.disputes.query.projection;

import java.sql.Array;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.event.FormalProcessStarted;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.kernel.state.MeetingRecord;
import uk.iro.disputes.kernel.state.StageState;

/**
 * Writes the dispute read model (tables {@code dispute}, {@code dispute_stage}, {@code dispute_action},
 * {@code dispute_meeting}, {@code dispute_participant}) with explicit SQL, in the caller's transaction.
 */
@Component
public class DisputeReadModel {
    private static final Logger log = LoggerFactory.getLogger(DisputeReadModel.class);
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final EventStorageEngine events;
    private final ObjectProvider<ReadModelListener> listeners;

    public DisputeReadModel(JdbcClient jdbc, JdbcTemplate template, EventStorageEngine events,
            ObjectProvider<ReadModelListener> listeners) {
        this.jdbc = jdbc;
        this.template = template;
        this.events = events;
        this.listeners = listeners;
    }

    /**
     * Folds one event into its dispute's row; does nothing if the row already includes it. The row is read (and
     * locked) from the database unless an earlier event of the same batch wrote it (see {@link BatchRows}).
     */
    public void apply(DisputeEvent event, long sequence, Instant timestamp, MetaData metaData) {
        String id = event.disputeId().value();
        Optional<BatchRows.Written> row = BatchRows.take(id).or(() -> read(id, sequence));
        if (row.isPresent() && row.get().version() >= sequence) {
            if (row.get().state() != null) {
                BatchRows.remember(id, row.get());
            }
            return;
        }
        DisputeState before;
        Instant raisedAt = timestamp;
        // The fold keeps only the stricter of the totals; the policy's declared one comes from FormalProcessStarted.
        LocalDate declaredTotal = event instanceof FormalProcessStarted f ? f.declaredTotalDueDate() : null;
        List<MetaData> earlierActors = new java.util.ArrayList<>();
        boolean follows = row.isPresent() && row.get().version() == sequence - 1;
        if (follows) {
            before = row.get().state();
        } else if (row.isEmpty() && sequence == 0) {
            before = DisputeState.initial();
        } else {
            // Not the next event of what the row holds (a row cleared by hand, or an event removed from the
            // store): fold the stream from the store up to this event rather than guess.
            log.warn("dispute {}: event {} does not follow the projected version {}; folding its stream from the store",
                    id, sequence, row.map(BatchRows.Written::version).orElse(-1L));
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
        upsert(after, sequence, timestamp, raisedAt, declaredTotal);
        // Child rows already hold `before`, unless the row was refolded (then they are written afresh).
        DisputeState written = follows ? before : DisputeState.initial();
        if (written != before) {
            deleteChildren(id);
        }
        writeChildren(id, written, after);
        Set<BatchRows.Participant> actors = new HashSet<>(follows ? row.get().actors() : Set.of());
        earlierActors.forEach(m -> actor(m).ifPresent(actors::add));
        actor(metaData).ifPresent(actors::add);
        addParticipants(id, written, after, actors, follows ? row.get().actors() : Set.of());
        for (ReadModelListener listener : listeners.orderedStream().toList()) {
            listener.applied(before, after, event, sequence, timestamp, metaData);
        }
        BatchRows.remember(id, new BatchRows.Written(sequence, after, actors));
    }

    /**
     * The row as stored, locked for the rest of the transaction; its fold is read only if the event follows it
     * (otherwise the event is skipped or the stream refolded).
     */
    private Optional<BatchRows.Written> read(String id, long sequence) {
        return jdbc.sql("SELECT version, state::text AS state FROM dispute WHERE dispute_id = :id FOR UPDATE")
                .param("id", id)
                .query((rs, i) -> {
                    long version = rs.getLong("version");
                    DisputeState state = version == sequence - 1 ? StateJson.read(rs.getString("state")) : null;
                    return new BatchRows.Written(version, state, Set.of());
                })
                .optional();
    }

    /** Empties every read model, ahead of a replay. */
    public void clear() {
        template.execute("TRUNCATE dispute, dispute_stage, dispute_action, dispute_meeting, dispute_participant");
        listeners.orderedStream().forEach(ReadModelListener::cleared);
    }

    /**
     * The row's version is the stream's sequence number of the event, which the fold's own count equals unless an
     * event was removed from the store (verification reports that; the row still follows the stream as stored).
     */
    private void upsert(DisputeState s, long sequence, Instant timestamp, Instant raisedAt, LocalDate declaredTotal) {
        Optional<StageState> current = s.isOpen() ? s.currentStage() : Optional.empty();
        Optional<StageState> highest = s.stages().stream().filter(StageState::formal).reduce((a, b) -> b)
                .or(s::lastStage);
        OffsetDateTime at = timestamp.atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO dispute (dispute_id, version, state, policy_id, policy_version, child_case_id,
                    responsible_team, iro_staff_id, track, categories, status, raised_on, raised_at, starting_stage,
                    highest_stage, highest_stage_formal, current_stage, current_stage_title, current_assignee_role,
                    current_assignee_staff_id, current_stage_opened_on, current_due_date, current_answered,
                    current_recorded_overdue_on, formal_started_on, declared_total_due_date, statutory_due_date,
                    total_due_date, timescale_breached_on, cafcass_referred_on, legal_advice_requested,
                    resolution_outcome, resolved_on, withdrawn_on, closed_on, last_event_at, projected_at,
                    child_status, current_acknowledged_on, current_acknowledged_by)
                VALUES (:id, :version, CAST(:state AS jsonb), :policyId, :policyVersion, :child, :team, :iro, :track,
                    :categories, :status, :raisedOn, :raisedAt, :startingStage, :highestStage, :highestFormal,
                    :stage, :stageTitle, :assigneeRole, :assigneeStaffId, :openedOn, :dueDate, :answered,
                    :recordedOverdueOn, :formalStartedOn, :declaredTotalDueDate, :statutoryDueDate, :totalDueDate,
                    :breachedOn, :cafcassOn, :legalAdvice, :outcome, :resolvedOn, :withdrawnOn, :closedOn, :at, now(),
                    :childStatus, :acknowledgedOn, :acknowledgedBy)
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
                WHERE dispute.version < EXCLUDED.version""")
                .param("id", s.disputeId().value())
                .param("version", sequence)
                .param("state", StateJson.write(s))
                .param("policyId", s.policy().id())
                .param("policyVersion", s.policy().version())
                .param("child", s.child().caseId())
                .param("team", s.responsibleTeam())
                .param("iro", s.iro().staffId())
                .param("track", s.track().name())
                .param("categories", textArray(s.categories().stream().map(Enum::name).sorted().toList()))
                .param("status", s.status().name())
                .param("raisedOn", s.raisedOn())
                // Set once, on insert: the first event's time.
                .param("raisedAt", raisedAt.atOffset(ZoneOffset.UTC))
                .param("startingStage", s.stages().isEmpty() ? null : s.stages().get(0).key().value())
                .param("highestStage", highest.map(h -> h.key().value()).orElse(null))
                .param("highestFormal", highest.map(StageState::formal).orElse(false))
                .param("stage", current.map(c -> c.key().value()).orElse(null))
                .param("stageTitle", current.map(StageState::title).orElse(null))
                .param("assigneeRole", current.map(c -> c.assigneeRole() == null ? null : c.assigneeRole().name())
                        .orElse(null))
                .param("assigneeStaffId", current.map(StageState::assignee).map(StaffReference::staffId).orElse(null))
                .param("openedOn", current.map(StageState::openedOn).orElse(null))
                .param("dueDate", current.map(StageState::dueDate).orElse(null))
                .param("answered", current.map(StageState::isAnswered).orElse(false))
                .param("recordedOverdueOn", current.map(StageState::overdueOn).orElse(null))
                .param("formalStartedOn", s.formalStartedOn())
                .param("declaredTotalDueDate", declaredTotal)
                .param("statutoryDueDate", s.statutoryDueDate())
                .param("totalDueDate", s.totalDueDate())
                .param("breachedOn", s.timescaleBreachedOn())
                .param("cafcassOn", s.cafcassReferral() == null ? null : s.cafcassReferral().referredOn())
                .param("legalAdvice", !s.legalAdviceRequestedOn().isEmpty())
                .param("outcome", s.resolution() == null ? null : s.resolution().outcome().name())
                .param("resolvedOn", s.resolution() == null ? null : s.resolution().resolvedOn())
                .param("withdrawnOn", s.withdrawnOn())
                .param("closedOn", s.closedOn())
                .param("at", at)
                .param("childStatus", s.childStatus() == null ? "LOOKED_AFTER" : s.childStatus().name())
                .param("acknowledgedOn", current.map(StageState::acknowledgedOn).orElse(null))
                .param("acknowledgedBy", current.map(StageState::acknowledgedBy).map(StaffReference::staffId)
                        .orElse(null))
                .update();
    }

    private void deleteChildren(String id) {
        jdbc.sql("DELETE FROM dispute_stage WHERE dispute_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM dispute_action WHERE dispute_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM dispute_meeting WHERE dispute_id = :id").param("id", id).update();
    }

    /**
     * Writes what differs between the fold the child rows hold ({@code written}) and the new one: an event changes
     * one stage visit, adds a meeting, or sets the resolution, so only those rows are touched.
     */
    private void writeChildren(String id, DisputeState written, DisputeState s) {
        List<StageState> stages = s.stages();
        List<StageState> old = written.stages();
        for (int visit = 0; visit < stages.size(); visit++) {
            StageState st = stages.get(visit);
            StageState was = visit < old.size() ? old.get(visit) : null;
            if (st.equals(was)) {
                continue;
            }
            jdbc.sql("""
                    INSERT INTO dispute_stage (dispute_id, visit, stage_key, title, formal, assignee_role,
                        assignee_staff_id, opened_on, due_date, extensions, recorded_overdue_on, responded_on,
                        respondent_staff_id, respondent_role, response, left_on, acknowledged_by_staff_id,
                        acknowledged_by_role, acknowledged_on, acknowledged_after_working_days)
                    VALUES (:id, :visit, :key, :title, :formal, :role, :assignee, :openedOn, :dueDate, :extensions,
                        :overdueOn, :respondedOn, :respondent, :respondentRole, :response, :leftOn, :ackBy, :ackRole,
                        :ackOn, :ackDays)
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
                        acknowledged_after_working_days = EXCLUDED.acknowledged_after_working_days""")
                    .param("id", id).param("visit", visit).param("key", st.key().value()).param("title", st.title())
                    .param("formal", st.formal())
                    .param("role", st.assigneeRole() == null ? null : st.assigneeRole().name())
                    .param("assignee", st.assignee() == null ? null : st.assignee().staffId())
                    .param("openedOn", st.openedOn()).param("dueDate", st.dueDate())
                    .param("extensions", st.extensions()).param("overdueOn", st.overdueOn())
                    .param("respondedOn", st.respondedOn())
                    .param("respondent", st.respondent() == null ? null : st.respondent().staffId())
                    .param("respondentRole", st.respondent() == null ? null : st.respondent().role().name())
                    .param("response", st.response()).param("leftOn", st.leftOn())
                    .param("ackBy", st.acknowledgedBy() == null ? null : st.acknowledgedBy().staffId())
                    .param("ackRole", st.acknowledgedBy() == null ? null : st.acknowledgedBy().role().name())
                    .param("ackOn", st.acknowledgedOn())
                    .param("ackDays", st.acknowledgedAfterWorkingDays())
                    .update();
            List<PlannedAction> wasPlanned = was == null ? List.of() : was.plannedActions();
            if (!st.plannedActions().equals(wasPlanned)) {
                replaceActions(id, "RESPONSE", visit, wasPlanned, st.plannedActions());
            }
        }
        List<PlannedAction> agreed = s.resolution() == null ? List.of() : s.resolution().agreedActions();
        List<PlannedAction> wasAgreed = written.resolution() == null ? List.of() : written.resolution().agreedActions();
        if (!agreed.equals(wasAgreed)) {
            replaceActions(id, "RESOLUTION", -1, wasAgreed, agreed);
        }
        List<MeetingRecord> meetings = s.meetings();
        for (int i = written.meetings().size(); i < meetings.size(); i++) {
            MeetingRecord m = meetings.get(i);
            jdbc.sql("""
                    INSERT INTO dispute_meeting (dispute_id, ordinal, stage_key, held_on, attendee_roles, outcome)
                    VALUES (:id, :ordinal, :stage, :heldOn, :roles, :outcome)""")
                    .param("id", id).param("ordinal", i).param("stage", m.stage().value())
                    .param("heldOn", m.heldOn())
                    .param("roles", textArray(m.attendeeRoles().stream().map(Enum::name).sorted().toList()))
                    .param("outcome", m.outcome().name())
                    .update();
        }
    }

    /** Rows exist only for the actions the child rows' fold holds: nothing to delete when it held none. */
    private void replaceActions(String id, String source, int visit, List<PlannedAction> old,
            List<PlannedAction> actions) {
        if (!old.isEmpty()) {
            jdbc.sql("DELETE FROM dispute_action WHERE dispute_id = :id AND source = :source AND visit = :visit")
                    .param("id", id).param("source", source).param("visit", visit).update();
        }
        insertActions(id, source, visit, actions);
    }

    private void insertActions(String id, String source, int visit, List<PlannedAction> actions) {
        for (int i = 0; i < actions.size(); i++) {
            PlannedAction a = actions.get(i);
            jdbc.sql("""
                    INSERT INTO dispute_action (dispute_id, source, visit, ordinal, description, owner_staff_id,
                        owner_role, due_by)
                    VALUES (:id, :source, :visit, :ordinal, :description, :owner, :ownerRole, :dueBy)""")
                    .param("id", id).param("source", source).param("visit", visit).param("ordinal", i)
                    .param("description", a.description()).param("owner", a.owner().staffId())
                    .param("ownerRole", a.owner().role().name()).param("dueBy", a.dueBy())
                    .update();
        }
    }

    /**
     * Adds, in one statement, who newly took part: the people the fold names for the first time, and the actors of
     * the event (and of refolded events) unless already added earlier in this batch. Nothing is sent when all of
     * them are known to be there already.
     */
    private void addParticipants(String id, DisputeState written, DisputeState after,
            Set<BatchRows.Participant> actors, Set<BatchRows.Participant> knownActors) {
        Set<BatchRows.Participant> added = new LinkedHashSet<>();
        participants(after).forEach(p -> added.add(participant(p)));
        added.addAll(actors);
        participants(written).forEach(p -> added.remove(participant(p)));
        added.removeAll(knownActors);
        if (added.isEmpty()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO dispute_participant (dispute_id, staff_id, role)
                SELECT :id, p.staff_id, p.role FROM unnest(:staff, :roles) AS p(staff_id, role)
                ON CONFLICT DO NOTHING""")
                .param("id", id)
                .param("staff", textArray(added.stream().map(BatchRows.Participant::staffId).toList()))
                .param("roles", textArray(added.stream().map(BatchRows.Participant::role).toList()))
                .update();
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

    /** The event's actor (subject and role from the caller's token), if the metadata names one. */
    private static Optional<BatchRows.Participant> actor(MetaData metaData) {
        Object subject = metaData.get("subject");
        Object role = metaData.get("role");
        return subject == null || role == null ? Optional.empty()
                : Optional.of(new BatchRows.Participant(String.valueOf(subject), String.valueOf(role)));
    }

    private Array textArray(Collection<String> values) {
        return template.execute((ConnectionCallback<Array>) (Connection c) -> c.createArrayOf("text", values.toArray()));
    }
}
