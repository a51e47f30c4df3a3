package uk.iro.disputes.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER;
import static uk.iro.disputes.kernel.dispute.Role.SYSTEM;
import static uk.iro.disputes.kernel.dispute.Role.TEAM_MANAGER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.iro.disputes.command.DisputeCommandApplication;

/**
 * A council adds its own ladder by pointing IRO_POLICY_LOCATIONS at a file outside the jar: no code change. The file
 * is docs/examples/sixth-council.yaml, the worked example of docs/council-policy.md, copied to a folder of its own
 * and walked from the informal stage to the Strategic Director, whose stage has no timescale.
 */
class CouncilPolicyByConfigurationTest {
    static final Path EXAMPLE = Path.of("..", "docs", "examples", "sixth-council.yaml");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDocumentedSixthCouncilIsLoadedFromOutsideTheJarAndWalkedToItsLastStage(@TempDir Path folder)
            throws Exception {
        assertThat(EXAMPLE).as("the worked example the docs page shows").exists();
        Files.copy(EXAMPLE, folder.resolve("sixth-council.yaml"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DisputeCommandApplication.class,
                MovableTimeConfiguration.class)
                .run("--server.port=0", "--iro.security.jwt.public-key=" + TestTokens.publicKeyPem(),
                        "--iro.security.jwt.issuer=" + TestTokens.ISSUER, "--iro.policies.locations=" + folder)) {
            Api api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            String iro = TestTokens.token("iro-17", IRO);
            Api.Call raised = api.post("/api/v1/disputes", iro, """
                    {"policyId":"sixth-council","childCaseId":"CASE-6C1","responsibleTeam":"Team 6","track":"INFORMAL",
                     "categories":["OTHER"],"concern":"Review recommendations not actioned.",
                     "desiredOutcome":"Actions completed."}""");
            assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
            String id = raised.disputeId();
            String path = "/api/v1/disputes/" + id;

            ok(api.post(path + "/respond", TestTokens.token("sw-6", uk.iro.disputes.kernel.dispute.Role.SOCIAL_WORKER),
                    Requests.respond("informal")));
            ok(api.post(path + "/escalate", iro, Requests.escalate("informal")));
            ok(api.post(path + "/acknowledge", TestTokens.token("tm-6", TEAM_MANAGER), "{\"stage\":\"team-manager\"}"));
            ok(api.post(path + "/respond", TestTokens.token("tm-6", TEAM_MANAGER), Requests.respond("team-manager")));
            ok(api.post(path + "/escalate", iro, Requests.escalate("team-manager")));
            ok(api.post(path + "/escalate", iro, Requests.escalate("head-of-service")));
            ok(api.post(path + "/escalate", iro, Requests.escalate("executive-head")));

            List<JsonNode> opened = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                            + " WHERE aggregateidentifier = :id AND payloadtype LIKE '%StageOpened' ORDER BY sequencenumber")
                    .param("id", id).query(String.class).list().stream().map(CouncilPolicyByConfigurationTest::json)
                    .toList();
            assertThat(opened).extracting(o -> o.get("stage").asText()).containsExactly("informal", "team-manager",
                    "head-of-service", "executive-head", "strategic-director");
            for (int i = 0; i < 4; i++) {
                JsonNode stage = opened.get(i);
                assertThat(LocalDate.parse(stage.get("dueDate").asText())).as(stage.toString())
                        .isAfter(LocalDate.parse(stage.get("openedOn").asText()));
            }
            JsonNode director = opened.get(4);
            assertThat(director.get("title").asText()).isEqualTo("Stage 4: Strategic Director");
            assertThat(director.get("dueDate").isNull()).as("the Strategic Director has no timescale").isTrue();

            Api.Call beyond = api.post(path + "/escalate", iro, Requests.escalate("strategic-director"));
            assertThat(beyond.status()).isEqualTo(409);
            assertThat(beyond.json().get("type").asText()).isEqualTo("urn:iro-disputes:rule:no-stage-beyond-last");

            // Weeks later the director's stage is still not overdue, but the statutory 20 working days have run out.
            MutableClock clock = app.getBean(MutableClock.class);
            clock.advance(Duration.ofDays(60));
            String system = TestTokens.token("deadline-scheduler", SYSTEM);
            Api.Call overdue = api.post("/internal/v1/disputes/" + id + "/stage-overdue", system,
                    "{\"stage\":\"strategic-director\",\"dueDate\":\"" + director.get("openedOn").asText() + "\"}");
            assertThat(overdue.json().get("eventsAppended").asInt()).as(overdue.toString()).isZero();
            Api.Call breached = api.post("/internal/v1/disputes/" + id + "/statutory-timescale-breached", system, null);
            assertThat(breached.json().get("eventsAppended").asInt()).as(breached.toString()).isEqualTo(1);
            ok(api.post(path + "/respond", TestTokens.token("sd-6", SENIOR_MANAGER),
                    Requests.respond("strategic-director")));

            Api.Call unknown = api.post("/api/v1/disputes", iro, """
                    {"policyId":"not-configured","childCaseId":"CASE-OC2","responsibleTeam":"Team 1","track":"FORMAL",
                     "categories":["OTHER"],"concern":"c","desiredOutcome":"d"}""");
            assertThat(unknown.status()).isEqualTo(409);
            assertThat(unknown.json().get("type").asText()).isEqualTo("urn:iro-disputes:rule:policy-unknown");
        }
    }

    private static void ok(Api.Call call) {
        assertThat(call.status()).as(call.toString()).isBetween(200, 201);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
