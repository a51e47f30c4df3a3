package uk.iro.disputes.command.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.iro.disputes.command.api.Api.Call;

/** What every refusal must look like, and how to see that nothing was recorded. */
final class Problems {
    static final String INVALID_REQUEST = "urn:iro-disputes:problem:invalid-request";

    private Problems() {
    }

    /** An RFC 9457 problem document with this status. */
    static JsonNode assertProblem(Call call, int status) {
        assertThat(call.status()).as(call.toString()).isEqualTo(status);
        assertThat(call.header("Content-Type")).as(call.toString()).startsWith("application/problem+json");
        JsonNode problem = call.json();
        assertThat(problem.path("status").asInt()).as(call.toString()).isEqualTo(status);
        assertThat(problem.path("title").asText()).as(call.toString()).isNotBlank();
        return problem;
    }

    /** A 400 whose {@code errors} name (at least) each of these fields, each with a message. */
    static JsonNode assertInvalid(Call call, String... fields) {
        JsonNode problem = assertProblem(call, 400);
        assertThat(problem.path("type").asText()).as(call.toString()).isEqualTo(INVALID_REQUEST);
        assertThat(fieldsNamed(call)).as(call.toString()).contains(fields);
        problem.path("errors").forEach(error ->
                assertThat(error.path("message").asText()).as(call.toString()).isNotBlank());
        return problem;
    }

    static List<String> fieldsNamed(Call call) {
        List<String> fields = new ArrayList<>();
        call.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    /** The number of events in the dispute's stream. */
    static long events(JdbcClient jdbc, String disputeId) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id")
                .param("id", disputeId).query(Long.class).single();
    }

    /** The number of disputes raised whose DisputeRaised payload contains the marker. */
    static long raisedWith(JdbcClient jdbc, String marker) {
        return jdbc.sql("""
                        SELECT count(*) FROM domainevententry
                        WHERE payloadtype = 'uk.iro.disputes.kernel.event.DisputeRaised'
                          AND position(:marker in convert_from(payload, 'UTF8')) > 0""")
                .param("marker", marker).query(Long.class).single();
    }
}
