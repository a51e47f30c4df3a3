package uk.iro.disputes.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.TEAM_MANAGER;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import uk.iro.disputes.command.DisputeCommandApplication;

/** A council adds its own ladder by pointing IRO_POLICY_LOCATIONS at a file outside the jar: no code change. */
class CouncilPolicyByConfigurationTest {

    @Test
    void aPolicyFileFromConfigurationCanBeRaisedUnderAndWalked(@TempDir Path folder) throws Exception {
        Path policy = folder.resolve("our-council.yaml");
        try (var in = getClass().getClassLoader().getResourceAsStream("policies/test-ladder.yaml")) {
            Files.write(policy, new String(in.readAllBytes()).replace("id: test-ladder", "id: our-council")
                    .getBytes());
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DisputeCommandApplication.class)
                .run("--server.port=0", "--iro.security.jwt.public-key=" + TestTokens.publicKeyPem(),
                        "--iro.security.jwt.issuer=" + TestTokens.ISSUER, "--iro.policies.locations=" + folder)) {
            Api api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
            Api.Call raised = api.post("/api/v1/disputes", TestTokens.token("iro-17", IRO), """
                    {"policyId":"our-council","childCaseId":"CASE-OC1","responsibleTeam":"Team 1","track":"FORMAL",
                     "categories":["OTHER"],"concern":"Review recommendations not actioned.",
                     "desiredOutcome":"Actions completed."}""");
            assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
            Api.Call answered = api.post("/api/v1/disputes/" + raised.disputeId() + "/respond",
                    TestTokens.token("tm-8", TEAM_MANAGER), Requests.respond("stage-1"));
            assertThat(answered.status()).as(answered.toString()).isEqualTo(200);

            Api.Call unknown = api.post("/api/v1/disputes", TestTokens.token("iro-17", IRO), """
                    {"policyId":"not-configured","childCaseId":"CASE-OC2","responsibleTeam":"Team 1","track":"FORMAL",
                     "categories":["OTHER"],"concern":"c","desiredOutcome":"d"}""");
            assertThat(unknown.status()).isEqualTo(409);
            assertThat(unknown.json().get("type").asText()).isEqualTo("urn:iro-disputes:rule:policy-unknown");
        }
    }
}
