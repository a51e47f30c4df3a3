package uk.iro.disputes.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.command.api.Api.Call;

/** A dispute raised and walked over HTTP, and what it leaves in the event store. */
class WalkThroughApiTest extends CommandServiceTest {

    @Test
    void raisingAnswers201WithLocationVersionAndEtag() {
        Call raised = api.post("/api/v1/disputes", TestTokens.token("iro-17", IRO),
                Requests.raiseWakefieldFormally("CASE-" + UUID.randomUUID().toString().substring(0, 8)));

        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        String id = raised.disputeId();
        assertThat(raised.header("Location")).isEqualTo("/api/v1/disputes/" + id);
        // DisputeRaised, FormalProcessStarted, StageOpened: sequence numbers 0..2
        assertThat(raised.version()).isEqualTo(2);
        assertThat(raised.json().get("eventsAppended").asInt()).isEqualTo(3);
        assertThat(raised.header("ETag")).isEqualTo("\"2\"");
        assertThat(raised.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void eventsAreStoredAsReadableJsonWithWhoAndWhyInTheMetadata() throws Exception {
        Call raised = api.post("/api/v1/disputes", TestTokens.token("iro-17", IRO),
                Requests.raiseWakefieldFormally("CASE-J1"), Map.of("X-Correlation-Id", "case-system-req-42"));
        assertThat(raised.header("X-Correlation-Id")).isEqualTo("case-system-req-42");
        String id = raised.disputeId();

        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT sequencenumber, payloadtype, convert_from(payload, 'UTF8') AS payload,
                               convert_from(metadata, 'UTF8') AS metadata
                        FROM domainevententry WHERE aggregateidentifier = :id ORDER BY sequencenumber""")
                .param("id", id).query().listOfRows();
        assertThat(rows).extracting(r -> r.get("payloadtype")).containsExactly(
                "uk.iro.disputes.kernel.event.DisputeRaised",
                "uk.iro.disputes.kernel.event.FormalProcessStarted",
                "uk.iro.disputes.kernel.event.StageOpened");

        ObjectMapper json = new ObjectMapper();
        JsonNode raisedPayload = json.readTree((String) rows.get(0).get("payload"));
        assertThat(raisedPayload.get("disputeId").asText()).isEqualTo(id);
        assertThat(raisedPayload.get("child").asText()).isEqualTo("CASE-J1");
        assertThat(raisedPayload.get("raisedOn").asText()).matches("\\d{4}-\\d{2}-\\d{2}");

        for (Map<String, Object> row : rows) {
            JsonNode metadata = json.readTree((String) row.get("metadata"));
            assertThat(metadata.get("subject").asText()).isEqualTo("iro-17");
            assertThat(metadata.get("role").asText()).isEqualTo("IRO");
            assertThat(metadata.get("client").asText()).isEqualTo("case-system");
            assertThat(metadata.get("correlationId").asText()).isEqualTo("case-system-req-42");
            assertThat(metadata.get("causationId").asText()).isNotBlank();
            assertThat(metadata.get("hash").asText()).hasSize(64);
        }
    }

    @Test
    void aStageIsAnsweredEscalatedAndTheDisputeResolved() {
        String iro = TestTokens.token("iro-17", IRO);
        Call raised = api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally("CASE-W2"));
        String id = raised.disputeId();

        Call answered = api.post("/api/v1/disputes/" + id + "/respond", TestTokens.token("sm-5", SENIOR_MANAGER),
                Requests.respond("stage-1"));
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.version()).isEqualTo(3);

        Call escalated = api.post("/api/v1/disputes/" + id + "/escalate", iro, Requests.escalate("stage-1"));
        assertThat(escalated.status()).as(escalated.toString()).isEqualTo(200);
        assertThat(escalated.version()).isEqualTo(5);

        Call resolved = api.post("/api/v1/disputes/" + id + "/resolve", iro, Requests.resolve());
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.version()).isEqualTo(6);
    }
}
