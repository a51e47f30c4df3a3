package uk.iro.disputes.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import uk.iro.disputes.command.DisputeCommandApplication;
import uk.iro.disputes.command.api.Api.Call;

/** Stop the service, start it again: the dispute and the idempotency keys are still there. */
class RestartTest {

    private static ConfigurableApplicationContext start() {
        // Command-line arguments: default properties would lose to application.yaml's environment defaults.
        return new SpringApplicationBuilder(DisputeCommandApplication.class)
                .run("--server.port=0", "--iro.security.jwt.public-key=" + TestTokens.publicKeyPem(),
                        "--iro.security.jwt.issuer=" + TestTokens.ISSUER);
    }

    private static Api apiOf(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void aDisputeRaisedBeforeARestartCarriesOnAfterIt() {
        String iro = TestTokens.token("iro-17", IRO);
        String key = UUID.randomUUID().toString();
        String body = Requests.raiseWakefieldFormally("CASE-R1");
        Call raised;
        try (ConfigurableApplicationContext first = start()) {
            raised = apiOf(first).post("/api/v1/disputes", iro, body, Map.of("Idempotency-Key", key));
            assertThat(raised.status()).isEqualTo(201);
        }
        try (ConfigurableApplicationContext second = start()) {
            Api api = apiOf(second);
            Call retried = api.post("/api/v1/disputes", iro, body, Map.of("Idempotency-Key", key));
            assertThat(retried.status()).isEqualTo(201);
            assertThat(retried.disputeId()).isEqualTo(raised.disputeId());
            assertThat(retried.header("Idempotency-Replayed")).isEqualTo("true");

            Call answered = api.post("/api/v1/disputes/" + raised.disputeId() + "/respond",
                    TestTokens.token("sm-5", SENIOR_MANAGER), Requests.respond("stage-1"),
                    Map.of("If-Match", raised.header("ETag")));
            assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
            assertThat(answered.version()).isEqualTo(raised.version() + 1);
        }
    }
}
