package uk.iro.disputes.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.Role;

/**
 * Issue 9 through the running service: child-protection disputes raised by CP chairs, the stage acknowledgement
 * audit, good-practice alerts as their own streams, and bad input answered with the field named.
 */
class CouncilsApiTest extends CommandServiceTest {
    static final String CHAIR = TestTokens.token("cpc-7", Role.CP_CHAIR);
    static final String IRO = TestTokens.token("iro-17", Role.IRO);
    static final String IRO_MANAGER = TestTokens.token("irom-3", Role.IRO_MANAGER);
    static final String TEAM_MANAGER = TestTokens.token("tm-8", Role.TEAM_MANAGER);
    static final String SENIOR_MANAGER = TestTokens.token("sm-2", Role.SENIOR_MANAGER);

    static String caseId() {
        return "CASE-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String durham(String extra) {
        return """
                {"policyId":"durham","childCaseId":"%s","responsibleTeam":"Safeguarding 3","track":"FORMAL",
                 "startingStage":"stage-2","categories":["OTHER"],"concern":"Protection plan actions not started.",
                 "desiredOutcome":"Core group meets this week."%s}""".formatted(caseId(), extra);
    }

    @org.springframework.beans.factory.annotation.Autowired
    uk.iro.disputes.command.audit.StoredChain chain;

    JsonNode raisedEvent(String disputeId) {
        String json = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                        + " WHERE aggregateidentifier = :id AND sequencenumber = 0")
                .param("id", disputeId).query(String.class).single();
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCpChairRaisesAChildProtectionDisputeThatCannotGoToCafcass() {
        Api.Call raised = api.post("/api/v1/disputes", CHAIR, durham(""));
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        JsonNode event = raisedEvent(raised.disputeId());
        assertThat(event.get("childStatus").asText()).isEqualTo("CHILD_PROTECTION");
        assertThat(event.get("iro").get("role").asText()).isEqualTo("CP_CHAIR");

        Api.Call refer = api.post("/api/v1/disputes/" + raised.disputeId() + "/cafcass-referral", IRO_MANAGER,
                "{\"reason\":\"No progress.\"}");
        assertThat(refer.status()).as(refer.toString()).isEqualTo(409);
        assertThat(refer.json().get("type").asText())
                .isEqualTo("urn:iro-disputes:rule:cafcass-only-for-looked-after-children");

        Api.Call escalate = api.post("/api/v1/disputes/" + raised.disputeId() + "/escalate", CHAIR,
                Requests.escalate("stage-2"));
        assertThat(escalate.status()).as(escalate.toString()).isEqualTo(200);
        Api.Call byAnIro = api.post("/api/v1/disputes/" + raised.disputeId() + "/escalate", IRO,
                Requests.escalate("stage-3"));
        assertThat(byAnIro.status()).isEqualTo(403);
        assertThat(byAnIro.json().get("type").asText()).isEqualTo("urn:iro-disputes:rule:not-the-disputes-iro");
    }

    @Test
    void childStatusAndPolicyMustAgreeAndBadValuesNameTheirField() {
        Api.Call lacByChair = api.post("/api/v1/disputes", CHAIR, durham(",\"childStatus\":\"LOOKED_AFTER\""));
        assertThat(lacByChair.status()).isEqualTo(403);
        assertThat(lacByChair.json().get("type").asText()).isEqualTo("urn:iro-disputes:rule:raiser-not-iro");

        Api.Call cpUnderWakefield = api.post("/api/v1/disputes", IRO, Requests.raiseWakefieldFormally(caseId())
                .replace("\"policyId\"", "\"childStatus\":\"CHILD_PROTECTION\",\"policyId\""));
        assertThat(cpUnderWakefield.status()).as(cpUnderWakefield.toString()).isEqualTo(409);
        assertThat(cpUnderWakefield.json().get("type").asText())
                .isEqualTo("urn:iro-disputes:rule:policy-not-for-child-status");

        Api.Call badStatus = api.post("/api/v1/disputes", IRO, durham(",\"childStatus\":\"IN_NEED\""));
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("errors").get(0).get("field").asText()).isEqualTo("childStatus");

        Api.Call roleWithoutOwner = api.post("/api/v1/disputes", IRO_MANAGER, durham(",\"iroRole\":\"CP_CHAIR\""));
        assertThat(roleWithoutOwner.status()).isEqualTo(400);
        assertThat(roleWithoutOwner.json().get("errors").get(0).get("field").asText()).isEqualTo("iroRole");
        Api.Call notAnOwnersRole = api.post("/api/v1/disputes", IRO_MANAGER,
                durham(",\"iroStaffId\":\"cpc-7\",\"iroRole\":\"TEAM_MANAGER\""));
        assertThat(notAnOwnersRole.status()).isEqualTo(400);
        assertThat(notAnOwnersRole.json().get("errors").get(0).get("field").asText()).isEqualTo("iroRole");

        Api.Call namingAChair = api.post("/api/v1/disputes", IRO_MANAGER,
                durham(",\"iroStaffId\":\"cpc-7\",\"iroRole\":\"CP_CHAIR\""));
        assertThat(namingAChair.status()).as(namingAChair.toString()).isEqualTo(201);
        assertThat(raisedEvent(namingAChair.disputeId()).get("iro").get("staffId").asText()).isEqualTo("cpc-7");
    }

    @Test
    void theStagesAssigneeAcknowledgesItOnce() {
        Api.Call raised = api.post("/api/v1/disputes", IRO, Requests.raiseWakefieldFormally(caseId()));
        String path = "/api/v1/disputes/" + raised.disputeId() + "/acknowledge";

        Api.Call byTheIro = api.post(path, IRO, "{\"stage\":\"stage-1\"}");
        assertThat(byTheIro.status()).isEqualTo(403);
        Api.Call byAnotherRole = api.post(path, TEAM_MANAGER, "{\"stage\":\"stage-1\"}");
        assertThat(byAnotherRole.status()).isEqualTo(403);
        assertThat(byAnotherRole.json().get("type").asText())
                .isEqualTo("urn:iro-disputes:rule:acknowledger-not-assignee");
        Api.Call noStage = api.post(path, SENIOR_MANAGER, "{}");
        assertThat(noStage.status()).isEqualTo(400);
        assertThat(noStage.json().get("errors").get(0).get("field").asText()).isEqualTo("stage");

        Api.Call acknowledged = api.post(path, SENIOR_MANAGER, "{\"stage\":\"stage-1\"}");
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        assertThat(acknowledged.json().get("eventsAppended").asInt()).isEqualTo(1);
        Api.Call again = api.post(path, SENIOR_MANAGER, "{\"stage\":\"stage-1\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asText()).isEqualTo("urn:iro-disputes:rule:stage-already-acknowledged");
    }

    @Test
    void goodPracticeIsItsOwnStreamChainedLikeADisputeAndNeverTakesADisputesStep() {
        Api.Call recorded = api.post("/api/v1/good-practice", IRO, """
                {"childCaseId":"%s","responsibleTeam":"Team 2","manager":{"staffId":"tm-8","role":"TEAM_MANAGER"},
                 "description":"Thoughtful direct work before the review."}""".formatted(caseId()));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        String id = recorded.json().get("alertId").asText();
        assertThat(id).startsWith("gp-");
        assertThat(recorded.header("Location")).isEqualTo("/api/v1/good-practice/" + id);
        assertThat(recorded.header("ETag")).isEqualTo("\"0\"");

        Api.Call asADispute = api.post("/api/v1/disputes/" + id + "/legal-advice-request", IRO_MANAGER,
                "{\"reason\":\"Not a dispute.\"}");
        assertThat(asADispute.status()).as(asADispute.toString()).isEqualTo(404);

        Api.Call acknowledged = api.post("/api/v1/good-practice/" + id + "/acknowledge", TEAM_MANAGER, null);
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        assertThat(acknowledged.json().get("version").asLong()).isEqualTo(1);
        Api.Call again = api.post("/api/v1/good-practice/" + id + "/acknowledge", TEAM_MANAGER, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asText())
                .isEqualTo("urn:iro-disputes:rule:good-practice-already-acknowledged");

        String dispute = api.post("/api/v1/disputes", IRO, Requests.raiseWakefieldFormally(caseId())).disputeId();
        Api.Call disputeAsAlert = api.post("/api/v1/good-practice/gp-" + dispute + "/acknowledge", TEAM_MANAGER, null);
        assertThat(disputeAsAlert.status()).isEqualTo(404);
        Api.Call notAnAlertId = api.post("/api/v1/good-practice/" + dispute + "/acknowledge", TEAM_MANAGER, null);
        assertThat(notAnAlertId.status()).isEqualTo(400);
        assertThat(notAnAlertId.json().get("errors").get(0).get("field").asText()).isEqualTo("alertId");

        Api.Call noDescription = api.post("/api/v1/good-practice", IRO,
                "{\"childCaseId\":\"C-1\",\"responsibleTeam\":\"Team 2\"}");
        assertThat(noDescription.status()).isEqualTo(400);
        assertThat(noDescription.json().get("errors").get(0).get("field").asText()).isEqualTo("description");

        // chained like a dispute's stream, and verified the same way
        assertThat(chain.read(id)).hasSize(2);
        assertThat(chain.verify(id)).isEmpty();
        assertThat(jdbc.sql("SELECT type FROM domainevententry WHERE aggregateidentifier = :id LIMIT 1")
                .param("id", id).query(String.class).single()).isEqualTo("GoodPracticeAlert");
    }
}
