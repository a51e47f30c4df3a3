package uk.iro.disputes.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.IRO;

import org.junit.jupiter.api.Test;
import uk.iro.disputes.command.api.Api.Call;

/** What an operator and a client developer rely on: probes, metrics, the API description. */
class OperationsTest extends CommandServiceTest {

    @Test
    void livenessAndReadinessAnswerAndReadinessIncludesTheDatabase() {
        Call liveness = api.get("/actuator/health/liveness", null);
        Call readiness = api.get("/actuator/health/readiness", null);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asText()).isEqualTo("UP");
        assertThat(readiness.body()).contains("\"db\"");
    }

    @Test
    void commandsAndAppendedEventsAreCountedForPrometheus() {
        String id = api.post("/api/v1/disputes", TestTokens.token("iro-17", IRO),
                Requests.raiseWakefieldFormally("CASE-M1")).disputeId();
        api.post("/api/v1/disputes/no-such-dispute/escalate", TestTokens.token("iro-17", IRO),
                Requests.escalate("stage-1"));
        // The same command with another outcome is a timer of its own (the timers are looked up once each).
        Call escalated = api.post("/api/v1/disputes/" + id + "/escalate", TestTokens.token("iro-17", IRO),
                Requests.escalate("stage-1"));
        String metrics = api.get("/actuator/prometheus", null).body();
        assertThat(metrics).as("after %s", escalated).containsPattern(
                "iro_commands_seconds_count\\{[^}]*command=\"Escalate\"[^}]*outcome=\"(?!dispute-not-found)[a-z-]+\"");
        assertThat(metrics).containsPattern("iro_commands_seconds_count\\{[^}]*command=\"RaiseDispute\"[^}]*outcome=\"accepted\"");
        assertThat(metrics).containsPattern("iro_commands_seconds_count\\{[^}]*command=\"Escalate\"[^}]*outcome=\"dispute-not-found\"");
        assertThat(metrics).containsPattern("iro_events_appended_total\\{[^}]*type=\"StageOpened\"");
    }

    /**
     * A request is observed as a whole (http.server.requests), not once per Spring Security filter, and Spring MVC
     * publishes no event per request: both were per-command costs in issue 8's profile.
     */
    @Test
    void aCommandIsObservedAsOneRequestNotPerSecurityFilter(
            @org.springframework.beans.factory.annotation.Autowired
            org.springframework.web.servlet.DispatcherServlet dispatcher) {
        api.post("/api/v1/disputes", TestTokens.token("iro-17", IRO), Requests.raiseWakefieldFormally("CASE-M2"));
        String metrics = api.get("/actuator/prometheus", null).body();
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/disputes\"");
        assertThat(metrics).doesNotContain("spring_security_");
        assertThat(org.springframework.test.util.ReflectionTestUtils.getField(dispatcher, "publishEvents"))
                .isEqualTo(false);
    }

    @Test
    void theApiIsDescribedInOpenApiAndSwaggerUiIsServed() {
        Call docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("openapi").asText()).startsWith("3.");
        assertThat(docs.json().get("paths").has("/api/v1/disputes/{disputeId}/escalate")).isTrue();
        assertThat(docs.json().get("paths").has("/internal/v1/disputes/{disputeId}/stage-overdue")).isTrue();
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void anUnknownDisputeIs404ProblemJson() {
        Call missing = api.post("/api/v1/disputes/no-such-dispute/escalate", TestTokens.token("iro-17", IRO),
                Requests.escalate("stage-1"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
    }
}
