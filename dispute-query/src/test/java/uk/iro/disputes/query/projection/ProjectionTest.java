package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.query.support.RealDispute;
import uk.iro.disputes.query.support.QueryServiceTest;

/**
 * Every event type, recorded by the real dispute-command (driven over HTTP), projected: after each step the dispute row holds exactly the fold of the stream so far, its
 * columns say what that step changed, and the stage, action, meeting and participant tables follow.
 */
class ProjectionTest extends QueryServiceTest {
    static final StaffReference SW = StaffReference.of("sw-41", Role.SOCIAL_WORKER);
    static final StaffReference TM = StaffReference.of("tm-7", Role.TEAM_MANAGER);
    static final StaffReference OPS = StaffReference.of("ops-3", Role.SENIOR_MANAGER);

    @Test
    void everyEventTypeIsProjectedStepByStep() {
        // Durham, driven through the real command service today: informal stage 1 (1 working day), then the
        // formal ladder. Due dates are what the policy and calendar give from today.
        LocalDate today = RealDispute.today();
        RealDispute d = realDispute("durham").categories(ConcernCategory.HEALTH, ConcernCategory.EDUCATION)
                .raise(Track.INFORMAL);
        Map<String, Object> row = projected(d);
        assertThat(row).containsEntry("status", "OPEN").containsEntry("track", "INFORMAL")
                .containsEntry("policy_id", "durham").containsEntry("policy_version", 1)
                .containsEntry("child_case_id", d.childCase()).containsEntry("responsible_team", d.teamName())
                .containsEntry("iro_staff_id", d.iroRef().staffId())
                .containsEntry("raised_on", today)
                .containsEntry("current_stage", "informal").containsEntry("current_assignee_role", "SOCIAL_WORKER")
                .containsEntry("current_due_date", workingDays(today, 1)).containsEntry("current_answered", false)
                .containsEntry("starting_stage", "informal").containsEntry("highest_stage", "informal")
                .containsEntry("highest_stage_formal", false);
        assertThat(categories(d)).containsExactly("EDUCATION", "HEALTH");
        assertThat(stages(d)).containsExactly("0 informal opened " + today + " due " + workingDays(today, 1));

        LocalDate actionDue = today.plusDays(7);
        d.respond(SW, "Assessment requested today.", new PlannedAction("Book the health assessment", SW, actionDue));
        row = projected(d);
        assertThat(row).containsEntry("current_answered", true).containsEntry("current_stage", "informal");
        assertThat(actions(d)).containsExactly("RESPONSE 0 Book the health assessment sw-41 " + actionDue);
        assertThat(stageColumn(d, 0, "response")).isEqualTo("Assessment requested today.");

        // Escalation into the formal process: DisputeEscalated, FormalProcessStarted, StageOpened.
        d.escalate(null);
        row = projected(d);
        LocalDate stage2Due = workingDays(today, 4);
        assertThat(row).containsEntry("current_stage", "stage-2").containsEntry("current_assignee_role", "TEAM_MANAGER")
                .containsEntry("current_due_date", stage2Due).containsEntry("current_answered", false)
                .containsEntry("formal_started_on", today)
                .containsEntry("statutory_due_date", workingDays(today, 20))
                .containsEntry("highest_stage", "stage-2").containsEntry("highest_stage_formal", true);
        assertThat(stages(d)).containsExactly("0 informal opened " + today + " due " + workingDays(today, 1)
                + " left " + today, "1 stage-2 opened " + today + " due " + stage2Due);

        LocalDate extended = workingDays(stage2Due, 3);
        d.extend(extended);
        row = projected(d);
        assertThat(row).containsEntry("current_due_date", extended);
        assertThat(stageColumn(d, 1, "extensions")).isEqualTo(1);

        d.remindDueSoon();
        projected(d);
        assertThat(d.state().currentStage().orElseThrow().dueSoonRemindedOn()).isEqualTo(today);

        d.acknowledge(TM);
        projected(d);
        assertThat(jdbc.sql("SELECT current_acknowledged_on || ' ' || current_acknowledged_by FROM"
                        + " disputes_query.dispute WHERE dispute_id = :id").param("id", d.idValue())
                .query(String.class).single()).isEqualTo(today + " " + TM.staffId());
        assertThat(stageColumn(d, 1, "acknowledged_after_working_days")).isEqualTo(0);
        assertThat(stageColumn(d, 1, "acknowledged_by_role")).isEqualTo("TEAM_MANAGER");

        d.meeting(TM, MeetingOutcome.ACTIONS_AGREED, Role.IRO, Role.TEAM_MANAGER);
        projected(d);
        assertThat(jdbc.sql("SELECT stage_key || ' ' || held_on || ' ' || array_to_string(attendee_roles, ',') || ' '"
                        + " || outcome FROM disputes_query.dispute_meeting WHERE dispute_id = :id ORDER BY ordinal")
                .param("id", d.idValue()).query(String.class).list())
                .containsExactly("stage-2 " + today + " IRO,TEAM_MANAGER ACTIONS_AGREED");

        // The two steps that need a due date behind us (see RealDispute): chained onto the real stream.
        d.overdueAsIfDue();
        row = projected(d);
        assertThat(row).containsEntry("current_recorded_overdue_on", today);
        assertThat(stageColumn(d, 1, "recorded_overdue_on")).isEqualTo(today);

        d.breachAsIfDue();
        row = projected(d);
        assertThat(row).containsEntry("timescale_breached_on", today);

        d.legalAdvice();
        row = projected(d);
        assertThat(row).containsEntry("legal_advice_requested", true);

        d.childInformed();
        projected(d);
        assertThat(d.state().childInformedOn()).containsExactly(today);

        LocalDate reviewBy = today.plusDays(30);
        d.resolve(ResolutionOutcome.RESOLVED,
                new PlannedAction("Review the plan at the next LAC review", d.iroRef(), reviewBy));
        row = projected(d);
        assertThat(row).containsEntry("status", "RESOLVED").containsEntry("resolved_on", today)
                .containsEntry("resolution_outcome", "RESOLVED").containsEntry("current_stage", null)
                .containsEntry("current_due_date", null);
        assertThat(actions(d)).contains("RESOLUTION -1 Review the plan at the next LAC review "
                + d.iroRef().staffId() + " " + reviewBy);

        d.monitoringOverdueAsIfDue();
        projected(d);
        assertThat(d.state().resolution().monitoringOverdueOn()).isEqualTo(today);

        // Monitoring finds the actions not achieved: MonitoringOutcomeRecorded, DisputeReopened, DisputeEscalated,
        // StageOpened at the next stage.
        d.monitoring(false, MonitoringNextStep.ESCALATE);
        row = projected(d);
        assertThat(row).containsEntry("status", "OPEN").containsEntry("current_stage", "stage-3")
                .containsEntry("resolved_on", null).containsEntry("highest_stage", "stage-3")
                .containsEntry("current_assignee_role", "SENIOR_MANAGER");

        d.respond(OPS, "Placement funding agreed.");
        d.resolve(ResolutionOutcome.MANAGEMENT_DECISION);
        d.monitoring(true, null);
        d.close();
        row = projected(d);
        assertThat(row).containsEntry("status", "CLOSED").containsEntry("closed_on", today)
                .containsEntry("resolution_outcome", "MANAGEMENT_DECISION");
        assertThat(jdbc.sql("SELECT staff_id || ':' || role FROM disputes_query.dispute_participant"
                        + " WHERE dispute_id = :id ORDER BY 1").param("id", d.idValue()).query(String.class).list())
                .containsExactlyInAnyOrder(d.iroRef().staffId() + ":IRO", "sw-41:SOCIAL_WORKER", "tm-7:TEAM_MANAGER",
                        "ops-3:SENIOR_MANAGER"); // not the scheduler, which recorded the stage overdue (SYSTEM)

        // Every kernel event type but ReferredToCafcass and DisputeWithdrawn has now been projected. Durham refers
        // to CAFCASS only from its last stage (the real aggregate refuses it at stage-3); Wakefield at any stage,
        // and the referral runs alongside the dispute, which can then be withdrawn.
        RealDispute w = realDispute("wakefield").raise(Track.INFORMAL).referToCafcass();
        row = projected(w);
        assertThat(row).containsEntry("cafcass_referred_on", today).containsEntry("status", "OPEN");
        w.withdraw();
        row = projected(w);
        assertThat(row).containsEntry("status", "WITHDRAWN").containsEntry("withdrawn_on", today)
                .containsEntry("current_stage", null);
        assertThat(stages(w)).containsExactly("0 informal opened " + today + " due " + workingDays(today, 15)
                + " left " + today);

        List<Class<?>> types = new java.util.ArrayList<>(d.events().stream().map(Object::getClass).toList());
        types.addAll(w.events().stream().map(Object::getClass).toList());
        assertThat(types).containsAll(List.of(DisputeEvent.class.getPermittedSubclasses()));
    }

    @Test
    void aRawEventSeenTwiceChangesNothing() {
        RealDispute d = realDispute("birmingham").raise(Track.FORMAL);
        Map<String, Object> before = projected(d);
        var stream = store.append(java.time.Instant.now(), d.iroRef(), List.of());  // nothing appended
        assertThat(stream).isEmpty();

        // The projection's handler, given the first event again (as after a crash between write and token).
        var first = eventStoreEvents(d).get(0);
        transactions.executeWithoutResult(tx -> readModel.apply((DisputeEvent) first.getPayload(),
                first.getSequenceNumber(), first.getTimestamp(), first.getMetaData()));

        assertThat(row(d)).isEqualTo(before);
    }

    @Test
    void aRowLostByHandIsRebuiltFromTheStoreWithTheNextEvent() {
        RealDispute d = realDispute("birmingham").raise(Track.FORMAL);
        projected(d);
        jdbc.sql("DELETE FROM disputes_query.dispute WHERE dispute_id = :id").param("id", d.idValue()).update();

        d.respond(TM, "Agreed to fund the placement.");

        Map<String, Object> row = projected(d);
        assertThat(row).containsEntry("current_answered", true).containsEntry("current_stage", "stage-1");
    }

    // ---- helpers

    @org.springframework.beans.factory.annotation.Autowired
    DisputeReadModel readModel;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;
    @org.springframework.beans.factory.annotation.Autowired
    org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    private List<? extends org.axonframework.eventhandling.DomainEventMessage<?>> eventStoreEvents(RealDispute d) {
        return eventStore.readEvents(d.idValue()).asStream().toList();
    }

    /**
     * Waits for the dispute's row to reach the version the command service answered, checks it holds the fold of
     * the stored stream, returns it.
     */
    private Map<String, Object> projected(RealDispute d) {
        awaitProjected(d);
        Map<String, Object> row = row(d);
        DisputeState fold = d.state();
        assertThat(fold.version()).isEqualTo(d.version());
        assertThat(row.get("version")).isEqualTo(d.version());
        assertThat(StateJson.read((String) row.get("state"))).isEqualTo(fold);
        assertThat(count("dispute_stage", d)).isEqualTo(d.state().stages().size());
        assertThat(count("dispute_meeting", d)).isEqualTo(d.state().meetings().size());
        return row;
    }

    private Map<String, Object> row(RealDispute d) {
        Map<String, Object> row = new java.util.HashMap<>(jdbc.sql("""
                        SELECT version, state::text AS state, policy_id, policy_version, child_case_id, responsible_team,
                            iro_staff_id, track, status, raised_on, starting_stage, highest_stage, highest_stage_formal,
                            current_stage, current_assignee_role, current_due_date, current_answered,
                            current_recorded_overdue_on, formal_started_on, statutory_due_date, timescale_breached_on,
                            cafcass_referred_on, legal_advice_requested, resolution_outcome, resolved_on, withdrawn_on,
                            closed_on, projected_at
                        FROM disputes_query.dispute WHERE dispute_id = :id""")
                .param("id", d.idValue()).query().singleRow());
        row.replaceAll((k, v) -> v instanceof java.sql.Date sql ? sql.toLocalDate() : v);
        return row;
    }

    private long count(String table, RealDispute d) {
        return jdbc.sql("SELECT count(*) FROM disputes_query." + table + " WHERE dispute_id = :id")
                .param("id", d.idValue()).query(Long.class).single();
    }

    private List<String> categories(RealDispute d) {
        return jdbc.sql("SELECT unnest(categories) FROM disputes_query.dispute WHERE dispute_id = :id ORDER BY 1")
                .param("id", d.idValue()).query(String.class).list();
    }

    private List<String> stages(RealDispute d) {
        return jdbc.sql("""
                        SELECT visit || ' ' || stage_key || ' opened ' || opened_on || ' due ' || due_date
                            || COALESCE(' left ' || left_on, '')
                        FROM disputes_query.dispute_stage WHERE dispute_id = :id ORDER BY visit""")
                .param("id", d.idValue()).query(String.class).list();
    }

    private Object stageColumn(RealDispute d, int visit, String column) {
        Object value = jdbc.sql("SELECT " + column + " FROM disputes_query.dispute_stage WHERE dispute_id = :id"
                        + " AND visit = :visit").param("id", d.idValue()).param("visit", visit)
                .query((rs, i) -> rs.getObject(1)).single();
        return value instanceof java.sql.Date sql ? sql.toLocalDate() : value;
    }

    private List<String> actions(RealDispute d) {
        return jdbc.sql("""
                        SELECT source || ' ' || visit || ' ' || description || ' ' || owner_staff_id || ' ' || due_by
                        FROM disputes_query.dispute_action WHERE dispute_id = :id ORDER BY source DESC, visit, ordinal""")
                .param("id", d.idValue()).query(String.class).list();
    }

    private LocalDate workingDays(LocalDate from, int days) {
        return calendar.addWorkingDays(from, uk.iro.disputes.kernel.calendar.WorkingDays.of(days));
    }
}
