package uk.iro.disputes.query.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.query.support.Api;
import uk.iro.disputes.query.support.QueryServiceTest;

/** Probes, metrics and the OpenAPI description, open to the platform without a token. */
class OperationsTest extends QueryServiceTest {

    @Test
    void healthAndReadinessIncludeTheDatabase() {
        Api.Call health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/db/status").asText()).isEqualTo("UP");

        Api.Call readiness = api.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().has("components")).isTrue();
        assertThat(readiness.json().get("components").has("db")).isTrue();
        assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
    }

    @Test
    void openApiDescribesEveryQueryEndpoint() {
        Api.Call docs = api.get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.has("/api/v1/disputes")).isTrue();
        assertThat(paths.has("/api/v1/disputes/{disputeId}")).isTrue();
        assertThat(paths.has("/api/v1/disputes/awaiting-me")).isTrue();
        assertThat(paths.has("/api/v1/disputes/{disputeId}/history")).isTrue();
        assertThat(paths.has("/api/v1/disputes/{disputeId}/verification")).isTrue();
        assertThat(paths.has("/api/v1/reports/disputes")).isTrue();
        assertThat(paths.has("/api/v1/policies/{policyId}/schedule")).isTrue();
        assertThat(paths.has("/api/v1/calendar/working-days")).isTrue();
        assertThat(paths.has("/api/v1/admin/projection/rebuild")).isTrue();
        assertThat(docs.json().at("/info/title").asText()).contains("queries");
    }

    @Test
    void prometheusExportsTheProjectionLag() {
        Api.Call metrics = api.get("/actuator/prometheus", null);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("iro_projection_lag_events{").contains("application=\"dispute-query\"");
    }

    /** Requests are observed whole, not once per Spring Security filter (issue 8). */
    @Test
    void requestsAreObservedWholeNotPerSecurityFilter() {
        api.get("/api/v1/nothing-here", null);
        api.get("/actuator/health", null);
        String metrics = api.get("/actuator/prometheus", null).body();

        assertThat(metrics).contains("http_server_requests_seconds_count{");
        assertThat(metrics).doesNotContain("spring_security_");
    }

    @Test
    void unknownPathsAreNotOpen() {
        assertThat(api.get("/api/v1/nothing-here", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/env", null).status()).isIn(401, 404);
    }
}
