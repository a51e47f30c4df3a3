package uk.iro.disputes.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.IRO_MANAGER;
import static uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER;
import static uk.iro.disputes.kernel.dispute.Role.SYSTEM;
import static uk.iro.disputes.kernel.dispute.Role.TEAM_MANAGER;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.command.api.Api.Call;

/** The happy path of every endpoint, each checked by the event it leaves in the store. */
class EveryEndpointTest extends CommandServiceTest {
    private final String iro = TestTokens.token("iro-17", IRO);
    private final String system = TestTokens.token("deadline-scheduler", SYSTEM);

    private List<String> eventTypes(String id) {
        return jdbc.sql("""
                        SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = :id ORDER BY sequencenumber""")
                .param("id", id).query(String.class).list().stream()
                .map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }


    private static void ok(Call call) {
        assertThat(call.status()).as(call.toString()).isBetween(200, 201);
    }

    private static String today() {
        return LocalDate.now(ZoneId.of("Europe/London")).toString();
    }

    /** Durham: IRO-chosen start, extensions agreed by the IRO, monitoring meeting, CAFCASS at the last stage. */
    private String durhamAt(String stage) {
        Call raised = api.post("/api/v1/disputes", iro, """
                {"policyId":"durham","childCaseId":"CASE-D1","responsibleTeam":"Locality East","track":"FORMAL",
                 "startingStage":"%s","categories":["EDUCATION"],"concern":"No school place for six weeks.",
                 "desiredOutcome":"A school place this month."}""".formatted(stage));
        ok(raised);
        return raised.disputeId();
    }

    @Test
    void extendMeetingResolveMonitorAndClose() {
        String id = durhamAt("stage-3");
        String due = dueDateOfLastStage(id);
        ok(api.post("/api/v1/disputes/" + id + "/extend", iro, """
                {"stage":"stage-3","newDueDate":"%s","benefitToChild":"The assessment report lands first."}"""
                .formatted(LocalDate.parse(due).plusDays(7))));
        ok(api.post("/api/v1/disputes/" + id + "/meetings", TestTokens.token("sm-2", SENIOR_MANAGER), """
                {"heldOn":"%s","attendeeRoles":["IRO","SENIOR_MANAGER"],"outcome":"ACTIONS_AGREED",
                 "summary":"School place to be sought."}""".formatted(today())));
        ok(api.post("/api/v1/disputes/" + id + "/child-informed", iro, """
                {"informedOn":"%s","how":"At a visit"}""".formatted(today())));
        ok(api.post("/api/v1/disputes/" + id + "/legal-advice-request", iro, """
                {"reason":"Whether the placement meets the care plan."}"""));
        ok(api.post("/api/v1/disputes/" + id + "/resolve", iro, Requests.resolve()));
        ok(api.post("/api/v1/disputes/" + id + "/monitoring-outcome", iro, """
                {"achieved":true,"notes":"Place secured."}"""));
        Call closed = api.post("/api/v1/disputes/" + id + "/close", iro, null);
        ok(closed);

        assertThat(eventTypes(id)).containsExactly("DisputeRaised", "FormalProcessStarted", "StageOpened",
                "StageTimescaleExtended", "DisputeResolutionMeetingRecorded", "ChildInformed",
                "IndependentLegalAdviceRequested", "DisputeResolved", "MonitoringOutcomeRecorded", "DisputeClosed");
        assertThat(closed.version()).isEqualTo(9);

        Call afterClose = api.post("/api/v1/disputes/" + id + "/withdraw", iro, """
                {"reason":"Too late."}""");
        assertThat(afterClose.status()).isEqualTo(409);
        assertThat(afterClose.json().get("type").asText()).isEqualTo("urn:iro-disputes:rule:dispute-closed");
    }

    @Test
    void referToCafcassAtTheLastStage() {
        String id = durhamAt("stage-7");
        ok(api.post("/api/v1/disputes/" + id + "/cafcass-referral", iro, """
                {"reason":"The plan is still not progressed.","consultee":{"staffId":"irom-3","role":"IRO_MANAGER"}}"""));
        assertThat(eventTypes(id)).contains("ReferredToCafcass");
    }

    @Test
    void withdrawByAnIroManager() {
        String id = durhamAt("stage-3");
        ok(api.post("/api/v1/disputes/" + id + "/withdraw", TestTokens.token("irom-3", IRO_MANAGER), """
                {"reason":"Resolved at the review."}"""));
        assertThat(eventTypes(id)).endsWith("DisputeWithdrawn");
    }

    @Test
    void anIroManagerRaisesForTheIroTheyName() {
        Call raised = api.post("/api/v1/disputes", TestTokens.token("irom-3", IRO_MANAGER), """
                {"policyId":"birmingham","childCaseId":"CASE-B1","responsibleTeam":"North","track":"INFORMAL",
                 "categories":["HEALTH"],"concern":"Health assessment overdue.","desiredOutcome":"Booked this week.",
                 "iroStaffId":"iro-17"}""");
        ok(raised);
        String iroOfRecord = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8')::json -> 'iro' ->> 'staffId' FROM domainevententry
                        WHERE aggregateidentifier = :id AND sequencenumber = 0""")
                .param("id", raised.disputeId()).query(String.class).single();
        assertThat(iroOfRecord).isEqualTo("iro-17");
        ok(api.post("/api/v1/disputes/" + raised.disputeId() + "/respond", TestTokens.token("tm-8", TEAM_MANAGER),
                Requests.respond("informal")));
    }

    @Test
    void theSchedulerRecordsAnOverdueStageOnceAndTheBreachOnce() {
        String id = api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally("CASE-S1")).disputeId();
        String due = dueDateOfLastStage(id);
        String overdue = """
                {"stage":"stage-1","dueDate":"%s"}""".formatted(due);

        Call early = api.post("/internal/v1/disputes/" + id + "/stage-overdue", system, overdue);
        assertThat(early.status()).isEqualTo(200);
        assertThat(early.json().get("eventsAppended").asInt()).isZero();

        clock.advance(Duration.ofDays(10));
        Call recorded = api.post("/internal/v1/disputes/" + id + "/stage-overdue", system, overdue);
        Call again = api.post("/internal/v1/disputes/" + id + "/stage-overdue", system, overdue);
        assertThat(recorded.json().get("eventsAppended").asInt()).isEqualTo(1);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("eventsAppended").asInt()).isZero();

        clock.advance(Duration.ofDays(40));
        Call breached = api.post("/internal/v1/disputes/" + id + "/statutory-timescale-breached", system, null);
        Call breachedAgain = api.post("/internal/v1/disputes/" + id + "/statutory-timescale-breached", system, null);
        assertThat(breached.json().get("eventsAppended").asInt()).isEqualTo(1);
        assertThat(breachedAgain.json().get("eventsAppended").asInt()).isZero();
        assertThat(eventTypes(id)).endsWith("StageOverdue", "StatutoryTimescaleBreached");
    }

    @Test
    void theSchedulerRemindsOnceBeforeTheDueDateAndRecordsALapsedMonitoringMeetingOnce() {
        String id = durhamAt("stage-3");
        String due = dueDateOfLastStage(id);
        String dueSoon = """
                {"stage":"stage-3","dueDate":"%s"}""".formatted(due);

        Call reminded = api.post("/internal/v1/disputes/" + id + "/stage-due-soon", system, dueSoon);
        Call remindedAgain = api.post("/internal/v1/disputes/" + id + "/stage-due-soon", system, dueSoon);
        assertThat(reminded.json().get("eventsAppended").asInt()).isEqualTo(1);
        assertThat(remindedAgain.status()).isEqualTo(200);
        assertThat(remindedAgain.json().get("eventsAppended").asInt()).isZero();

        ok(api.post("/api/v1/disputes/" + id + "/resolve", iro, Requests.resolve()));
        String monitoringDueOn = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8')::json ->> 'monitoringDueOn' FROM domainevententry
                        WHERE aggregateidentifier = :id AND payloadtype LIKE '%DisputeResolved'""")
                .param("id", id).query(String.class).single();
        String monitoring = """
                {"monitoringDueOn":"%s"}""".formatted(monitoringDueOn);
        Call early = api.post("/internal/v1/disputes/" + id + "/monitoring-overdue", system, monitoring);
        assertThat(early.json().get("eventsAppended").asInt()).isZero();

        clock.advance(Duration.ofDays(60));
        Call lapsed = api.post("/internal/v1/disputes/" + id + "/monitoring-overdue", system, monitoring);
        Call lapsedAgain = api.post("/internal/v1/disputes/" + id + "/monitoring-overdue", system, monitoring);
        assertThat(lapsed.json().get("eventsAppended").asInt()).isEqualTo(1);
        assertThat(lapsedAgain.json().get("eventsAppended").asInt()).isZero();
        assertThat(eventTypes(id)).contains("StageDueSoon").endsWith("DisputeResolved", "MonitoringMeetingOverdue");
        assertThat(api.post("/internal/v1/disputes/" + id + "/monitoring-overdue", iro, monitoring).status())
                .isEqualTo(403);
    }
}
