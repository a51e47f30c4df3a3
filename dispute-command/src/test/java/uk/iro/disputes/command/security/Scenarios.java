package uk.iro.disputes.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.iro.disputes.command.api.Api;
import uk.iro.disputes.command.api.Api.Call;
import uk.iro.disputes.command.api.Requests;
import uk.iro.disputes.kernel.dispute.Role;

/**
 * Fresh disputes, owned by {@link Actor#OWN_IRO} and put into the state a step needs, and the event store's
 * count of what a dispute (or every dispute of a child's case) holds. Every setup call must succeed.
 */
final class Scenarios {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DISPUTES = "/api/v1/disputes";

    private final Api api;
    private final JdbcClient jdbc;

    Scenarios(Api api, JdbcClient jdbc) {
        this.api = api;
        this.jdbc = jdbc;
    }

    static String newCaseId() {
        return "AUTHZ-" + UUID.randomUUID().toString().substring(0, 13);
    }

    // ---- disputes in a given state

    /** Wakefield, formal from stage 1, answered by the Service Manager (SENIOR_MANAGER). */
    String wakefieldAtStageOne() {
        return raise(Requests.raiseWakefieldFormally(newCaseId()));
    }

    /** Wakefield, formal from stage 1, assigned to a named member of staff outside the stage's assignee role. */
    String wakefieldAtStageOneAssignedTo(Actor assignee, Role role) {
        return raise(raiseBody("wakefield", newCaseId(), "FORMAL", """
                "consultee":{"staffId":"irom-3","role":"IRO_MANAGER"},
                "assignee":{"staffId":"%s","role":"%s"}""".formatted(assignee.staffId(), role)));
    }

    /** Wakefield's informal stage, answered by the social worker or the team manager. */
    String wakefieldInformal() {
        return raise(raiseBody("wakefield", newCaseId(), "INFORMAL", null));
    }

    /** The test ladder: stage 1 has a timescale, and the IRO or an IRO manager may extend it by 5 working days. */
    String testLadderAtStageOne() {
        return raise(raiseBody("test-ladder", newCaseId(), "FORMAL", null));
    }

    /** Durham, formal from its first formal stage (stage-2): extensions agreed by the IRO; monitoring after. */
    String durhamFormal() {
        return raise(raiseBody("durham", newCaseId(), "FORMAL", null));
    }

    /** Wakefield resolved at stage 1: no monitoring is due, so the record may be closed. */
    String wakefieldResolved() {
        String id = wakefieldAtStageOne();
        resolve(id);
        return id;
    }

    /** Durham resolved: its monitoring meeting is outstanding. */
    String durhamAwaitingMonitoring() {
        String id = durhamFormal();
        resolve(id);
        return id;
    }

    void resolve(String disputeId) {
        Call resolved = api.post(DISPUTES + "/" + disputeId + "/resolve", Actor.OWN_IRO.token(), Requests.resolve());
        assertThat(resolved.status()).as("setup: resolve " + resolved).isEqualTo(200);
    }

    /**
     * Raising bodies. The owning IRO names themselves in {@code iroStaffId}, which an IRO may do and an IRO manager
     * must do, so one body serves every caller of the raise step.
     */
    static String raiseNamingTheOwnIro(String caseId) {
        return raiseBody("wakefield", caseId, "FORMAL",
                "\"consultee\":{\"staffId\":\"irom-3\",\"role\":\"IRO_MANAGER\"},"
                        + "\"iroStaffId\":\"" + Actor.OWN_IRO.staffId() + "\"");
    }

    static String raiseBody(String policyId, String caseId, String track, String extraFields) {
        return """
                {"policyId":"%s","childCaseId":"%s","responsibleTeam":"Children in Care 2","track":"%s",
                 "categories":["CARE_PLAN_DRIFT_OR_DELAY"],
                 "concern":"Permanence plan not progressed since the second review.",
                 "desiredOutcome":"Family finding starts within four weeks."%s}"""
                .formatted(policyId, caseId, track, extraFields == null ? "" : "," + extraFields);
    }

    private String raise(String body) {
        Call raised = api.post(DISPUTES, Actor.OWN_IRO.token(), body);
        assertThat(raised.status()).as("setup: raise " + raised).isEqualTo(201);
        return raised.disputeId();
    }

    // ---- the event store

    long eventsOf(String disputeId) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id")
                .param("id", disputeId).query(Long.class).single();
    }

    /** A good-practice alert for a new case, naming {@code manager} (a team manager) to acknowledge it. */
    String goodPracticeAlert(Actor manager) {
        Call recorded = api.post("/api/v1/good-practice", Actor.OWN_IRO.token(), recordGoodPracticeBody(newCaseId(),
                ",\"manager\":{\"staffId\":\"" + manager.staffId() + "\",\"role\":\"TEAM_MANAGER\"}"));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        return recorded.json().get("alertId").asText();
    }

    static String recordGoodPracticeBody(String caseId, String extraFields) {
        return """
                {"childCaseId":"%s","responsibleTeam":"Team 31",
                 "description":"Direct work with the child was thoughtful and timely."%s}""".formatted(caseId, extraFields);
    }

    long eventsOfGoodPracticeForCase(String caseId) {
        return jdbc.sql("""
                        SELECT count(*) FROM domainevententry WHERE aggregateidentifier IN (
                            SELECT aggregateidentifier FROM domainevententry
                            WHERE payloadtype = 'uk.iro.disputes.kernel.goodpractice.GoodPracticeRecorded'
                              AND convert_from(payload, 'UTF8')::jsonb ->> 'child' = :caseId)""")
                .param("caseId", caseId).query(Long.class).single();
    }

    /** Every event of every dispute raised for this child's case: what a raise appended, whatever its id. */
    long eventsOfDisputesForCase(String caseId) {
        return jdbc.sql("""
                        SELECT count(*) FROM domainevententry WHERE aggregateidentifier IN (
                            SELECT aggregateidentifier FROM domainevententry
                            WHERE payloadtype = 'uk.iro.disputes.kernel.event.DisputeRaised'
                              AND convert_from(payload, 'UTF8')::jsonb ->> 'child' = :caseId)""")
                .param("caseId", caseId).query(Long.class).single();
    }

    /** The due date of the stage the dispute last opened, as its StageOpened event recorded it. */
    LocalDate dueDateOfCurrentStage(String disputeId) {
        String payload = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM domainevententry
                        WHERE aggregateidentifier = :id AND payloadtype = 'uk.iro.disputes.kernel.event.StageOpened'
                        ORDER BY sequencenumber DESC LIMIT 1""")
                .param("id", disputeId).query(String.class).single();
        try {
            return LocalDate.parse(JSON.readTree(payload).get("dueDate").asText());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The IRO a raised dispute belongs to, as its DisputeRaised event recorded it. */
    String owningIroOf(String disputeId) {
        String payload = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM domainevententry
                        WHERE aggregateidentifier = :id
                          AND payloadtype = 'uk.iro.disputes.kernel.event.DisputeRaised'""")
                .param("id", disputeId).query(String.class).single();
        try {
            return JSON.readTree(payload).get("iro").get("staffId").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
