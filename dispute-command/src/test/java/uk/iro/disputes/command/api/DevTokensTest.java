package uk.iro.disputes.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import uk.iro.disputes.command.DisputeCommandApplication;
import uk.iro.disputes.command.security.DevTokens;

/** Minted development tokens work under the dev profile, and only there. */
class DevTokensTest extends CommandServiceTest {

    @Test
    void theDevProfileAcceptsMintedTokens() {
        String token = DevTokens.mint("iro-17", List.of("IRO"), "dev-client", Duration.ofMinutes(5));
        try (ConfigurableApplicationContext dev = new SpringApplicationBuilder(DisputeCommandApplication.class)
                .run("--server.port=0", "--spring.profiles.active=dev")) {
            Api devApi = new Api(((WebServerApplicationContext) dev).getWebServer().getPort());
            Api.Call raised = devApi.post("/api/v1/disputes", token, Requests.raiseWakefieldFormally("CASE-DEV1"));
            assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        }
    }

    @Test
    void withoutTheDevProfileAMintedTokenIsRefused() {
        String token = DevTokens.mint("iro-17", List.of("IRO"), "dev-client", Duration.ofMinutes(5));
        Api.Call refused = api.post("/api/v1/disputes", token, Requests.raiseWakefieldFormally("CASE-DEV2"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    }
}
