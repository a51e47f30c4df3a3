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
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;

/**
 * Every event type, projected: after each step the dispute row holds exactly the fold of the stream so far, its
 * columns say what that step changed, and the stage, action, meeting and participant tables follow.
 */
class ProjectionTest extends QueryServiceTest {
    static final StaffReference SW = StaffReference.of("sw-41", Role.SOCIAL_WORKER);
    static final StaffReference TM = StaffReference.of("tm-7", Role.TEAM_MANAGER);
    static final StaffReference OPS = StaffReference.of("ops-3", Role.SENIOR_MANAGER);

    @Test
    void everyEventTypeIsProjectedStepByStep() {
        // Durham from Monday 2 March 2026: informal stage 1 (1 working day), then the formal ladder.
        Ladder d = ladder("durham").categories(ConcernCategory.HEALTH, ConcernCategory.EDUCATION)
                .on(LocalDate.of(2026, 3, 2)).raise(Track.INFORMAL);
        Map<String, Object> row = projected(d);
        assertThat(row).containsEntry("status", "OPEN").containsEntry("track", "INFORMAL")
                .containsEntry("policy_id", "durham").containsEntry("policy_version", 1)
                .containsEntry("child_case_id", d.childCase()).containsEntry("responsible_team", d.teamName())
                .containsEntry("iro_staff_id", d.iroRef().staffId())
                .containsEntry("raised_on", date("2026-03-02"))
                .containsEntry("current_stage", "informal").containsEntry("current_assignee_role", "SOCIAL_WORKER")
                .containsEntry("current_due_date", date("2026-03-03")).containsEntry("current_answered", false)
                .containsEntry("starting_stage", "informal").containsEntry("highest_stage", "informal")
                .containsEntry("highest_stage_formal", false);
        assertThat(categories(d)).containsExactly("EDUCATION", "HEALTH");
        assertThat(stages(d)).containsExactly("0 informal opened 2026-03-02 due 2026-03-03");

        d.on(LocalDate.of(2026, 3, 3)).respond(SW, "Assessment requested today.",
                new PlannedAction("Book the health assessment", SW, LocalDate.of(2026, 3, 10)));
        row = projected(d);
        assertThat(row).containsEntry("current_answered", true).containsEntry("current_stage", "informal");
        assertThat(actions(d)).containsExactly("RESPONSE 0 Book the health assessment sw-41 2026-03-10");
        assertThat(stageColumn(d, 0, "response")).isEqualTo("Assessment requested today.");

        // Escalation into the formal process: DisputeEscalated, FormalProcessStarted, StageOpened.
        d.on(LocalDate.of(2026, 3, 4)).escalate(null);
        row = projected(d);
        assertThat(row).containsEntry("current_stage", "stage-2").containsEntry("current_assignee_role", "TEAM_MANAGER")
                .containsEntry("current_due_date", date("2026-03-10")).containsEntry("current_answered", false)
                .containsEntry("formal_started_on", date("2026-03-04"))
                .containsEntry("statutory_due_date", date("2026-04-01"))
                .containsEntry("highest_stage", "stage-2").containsEntry("highest_stage_formal", true);
        assertThat(stages(d)).containsExactly("0 informal opened 2026-03-02 due 2026-03-03 left 2026-03-04",
                "1 stage-2 opened 2026-03-04 due 2026-03-10");

        d.on(LocalDate.of(2026, 3, 9)).extend(LocalDate.of(2026, 3, 13));
        row = projected(d);
        assertThat(row).containsEntry("current_due_date", date("2026-03-13"));
        assertThat(stageColumn(d, 1, "extensions")).isEqualTo(1);

        d.acknowledge(TM);
        projected(d);
        assertThat(jdbc.sql("SELECT current_acknowledged_on || ' ' || current_acknowledged_by FROM"
                        + " disputes_query.dispute WHERE dispute_id = :id").param("id", d.idValue())
                .query(String.class).single()).isEqualTo("2026-03-09 tm-7");
        assertThat(stageColumn(d, 1, "acknowledged_after_working_days")).isEqualTo(3);
        assertThat(stageColumn(d, 1, "acknowledged_by_role")).isEqualTo("TEAM_MANAGER");

        d.meeting(TM, MeetingOutcome.ACTIONS_AGREED, Role.IRO, Role.TEAM_MANAGER);
        projected(d);
        assertThat(jdbc.sql("SELECT stage_key || ' ' || held_on || ' ' || array_to_string(attendee_roles, ',') || ' '"
                        + " || outcome FROM disputes_query.dispute_meeting WHERE dispute_id = :id ORDER BY ordinal")
                .param("id", d.idValue()).query(String.class).list())
                .containsExactly("stage-2 2026-03-09 IRO,TEAM_MANAGER ACTIONS_AGREED");

        d.on(LocalDate.of(2026, 3, 16)).overdue();
        row = projected(d);
        assertThat(row).containsEntry("current_recorded_overdue_on", date("2026-03-16"));
        assertThat(stageColumn(d, 1, "recorded_overdue_on")).isEqualTo(date("2026-03-16"));

        d.on(LocalDate.of(2026, 4, 2)).breach();
        row = projected(d);
        assertThat(row).containsEntry("timescale_breached_on", date("2026-04-02"));

        d.legalAdvice();
        row = projected(d);
        assertThat(row).containsEntry("legal_advice_requested", true);

        d.childInformed();
        projected(d);
        assertThat(d.state().childInformedOn()).containsExactly(LocalDate.of(2026, 4, 2));

        d.on(LocalDate.of(2026, 4, 7)).resolve(ResolutionOutcome.RESOLVED,
                new PlannedAction("Review the plan at the next LAC review", d.iroRef(), LocalDate.of(2026, 5, 1)));
        row = projected(d);
        assertThat(row).containsEntry("status", "RESOLVED").containsEntry("resolved_on", date("2026-04-07"))
                .containsEntry("resolution_outcome", "RESOLVED").containsEntry("current_stage", null)
                .containsEntry("current_due_date", null);
        assertThat(actions(d)).contains("RESOLUTION -1 Review the plan at the next LAC review "
                + d.iroRef().staffId() + " 2026-05-01");

        // Monitoring finds the actions not achieved: MonitoringOutcomeRecorded, DisputeReopened, DisputeEscalated,
        // StageOpened at the next stage.
        d.on(LocalDate.of(2026, 4, 21)).monitoring(false, MonitoringNextStep.ESCALATE);
        row = projected(d);
        assertThat(row).containsEntry("status", "OPEN").containsEntry("current_stage", "stage-3")
                .containsEntry("resolved_on", null).containsEntry("highest_stage", "stage-3")
                .containsEntry("current_assignee_role", "SENIOR_MANAGER");

        d.on(LocalDate.of(2026, 4, 22)).referToCafcass();
        row = projected(d);
        assertThat(row).containsEntry("cafcass_referred_on", date("2026-04-22")).containsEntry("status", "OPEN");

        d.respond(OPS, "Placement funding agreed.");
        d.on(LocalDate.of(2026, 4, 23)).resolve(ResolutionOutcome.MANAGEMENT_DECISION);
        d.on(LocalDate.of(2026, 5, 7)).monitoring(true, null);
        d.on(LocalDate.of(2026, 5, 8)).close();
        row = projected(d);
        assertThat(row).containsEntry("status", "CLOSED").containsEntry("closed_on", date("2026-05-08"))
                .containsEntry("resolution_outcome", "MANAGEMENT_DECISION");
        assertThat(jdbc.sql("SELECT staff_id || ':' || role FROM disputes_query.dispute_participant"
                        + " WHERE dispute_id = :id ORDER BY 1").param("id", d.idValue()).query(String.class).list())
                .containsExactlyInAnyOrder(d.iroRef().staffId() + ":IRO", "sw-41:SOCIAL_WORKER", "tm-7:TEAM_MANAGER",
                        "ops-3:SENIOR_MANAGER", "deadline-scheduler:SYSTEM");

        // Every kernel event type but DisputeWithdrawn has now been projected; it gets a dispute of its own.
        Ladder w = ladder("wakefield").on(LocalDate.of(2026, 3, 2)).raise(Track.INFORMAL).withdraw();
        row = projected(w);
        assertThat(row).containsEntry("status", "WITHDRAWN").containsEntry("withdrawn_on", date("2026-03-02"))
                .containsEntry("current_stage", null);
        assertThat(stages(w)).containsExactly("0 informal opened 2026-03-02 due 2026-03-23 left 2026-03-02");

        List<Class<?>> types = new java.util.ArrayList<>(d.events().stream().map(Object::getClass).toList());
        types.addAll(w.events().stream().map(Object::getClass).toList());
        assertThat(types).containsAll(List.of(DisputeEvent.class.getPermittedSubclasses()));
    }

    @Test
    void aRawEventSeenTwiceChangesNothing() {
        Ladder d = ladder("birmingham").on(LocalDate.of(2026, 3, 2)).raise(Track.FORMAL);
        Map<String, Object> before = projected(d);
        var stream = store.append(d.now(), d.iroRef(), List.of());  // nothing appended
        assertThat(stream).isEmpty();

        // The projection's handler, given the first event again (as after a crash between write and token).
        var first = eventStoreEvents(d).get(0);
        transactions.executeWithoutResult(tx -> readModel.apply((DisputeEvent) first.getPayload(),
                first.getSequenceNumber(), first.getTimestamp(), first.getMetaData()));

        assertThat(row(d)).isEqualTo(before);
    }

    @Test
    void aRowLostByHandIsRebuiltFromTheStoreWithTheNextEvent() {
        Ladder d = ladder("birmingham").on(LocalDate.of(2026, 3, 2)).raise(Track.FORMAL);
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

    private List<? extends org.axonframework.eventhandling.DomainEventMessage<?>> eventStoreEvents(Ladder d) {
        return eventStore.readEvents(d.idValue()).asStream().toList();
    }

    /** Waits for the dispute's row to reach the walk's version, checks it holds the walk's fold, returns it. */
    private Map<String, Object> projected(Ladder d) {
        awaitProjected(d);
        Map<String, Object> row = row(d);
        assertThat(row.get("version")).isEqualTo(d.version());
        assertThat(StateJson.read((String) row.get("state"))).isEqualTo(d.state());
        assertThat(count("dispute_stage", d)).isEqualTo(d.state().stages().size());
        assertThat(count("dispute_meeting", d)).isEqualTo(d.state().meetings().size());
        return row;
    }

    private Map<String, Object> row(Ladder d) {
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

    private long count(String table, Ladder d) {
        return jdbc.sql("SELECT count(*) FROM disputes_query." + table + " WHERE dispute_id = :id")
                .param("id", d.idValue()).query(Long.class).single();
    }

    private List<String> categories(Ladder d) {
        return jdbc.sql("SELECT unnest(categories) FROM disputes_query.dispute WHERE dispute_id = :id ORDER BY 1")
                .param("id", d.idValue()).query(String.class).list();
    }

    private List<String> stages(Ladder d) {
        return jdbc.sql("""
                        SELECT visit || ' ' || stage_key || ' opened ' || opened_on || ' due ' || due_date
                            || COALESCE(' left ' || left_on, '')
                        FROM disputes_query.dispute_stage WHERE dispute_id = :id ORDER BY visit""")
                .param("id", d.idValue()).query(String.class).list();
    }

    private Object stageColumn(Ladder d, int visit, String column) {
        Object value = jdbc.sql("SELECT " + column + " FROM disputes_query.dispute_stage WHERE dispute_id = :id"
                        + " AND visit = :visit").param("id", d.idValue()).param("visit", visit)
                .query((rs, i) -> rs.getObject(1)).single();
        return value instanceof java.sql.Date sql ? sql.toLocalDate() : value;
    }

    private List<String> actions(Ladder d) {
        return jdbc.sql("""
                        SELECT source || ' ' || visit || ' ' || description || ' ' || owner_staff_id || ' ' || due_by
                        FROM disputes_query.dispute_action WHERE dispute_id = :id ORDER BY source DESC, visit, ordinal""")
                .param("id", d.idValue()).query(String.class).list();
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }
}
