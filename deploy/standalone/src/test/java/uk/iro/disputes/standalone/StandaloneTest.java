package uk.iro.disputes.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.iro.disputes.command.application.DisputeCommands;
import uk.iro.disputes.command.security.DevTokens;
import uk.iro.disputes.scheduler.command.CommandPort.Outcome;

/**
 * The launcher as a newcomer runs it: embedded PostgreSQL in a fresh folder, --demo, everything through the one
 * front port; then time moves so the scheduler's deadlines fire through the in-process port; then a restart on the
 * same folder finds everything still there and --demo adds nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Path folder;
    private MovableClock clock;
    private Standalone standalone;
    private String base;
    private String raisedId;

    @BeforeAll
    void start() throws IOException {
        // Readable by others: as root, the embedded PostgreSQL runs as nobody and must reach the folder.
        folder = Files.createTempDirectory("iro-standalone-");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        clock = new MovableClock();
        standalone = start(clock);
    }

    private Standalone start(MovableClock withClock) {
        Standalone started = Standalone.start(withClock, "--demo", "--server.port=0", "--data-dir=" + folder,
                "--db-url=", "--iro.scheduler.polling-interval=1s");
        base = "http://localhost:" + started.port();
        return started;
    }

    @AfterAll
    void stop() throws IOException {
        if (standalone != null) {
            standalone.close();
        }
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void healthIsUpWithEveryPartListed() throws Exception {
        Answer health = get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        JsonNode json = health.json();
        assertThat(json.get("status").asText()).isEqualTo("UP");
        assertThat(json.get("components").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("dispute-command", "dispute-query", "deadline-scheduler", "embedded-postgres");
    }

    @Test
    @Order(2)
    void swaggerUiListsBothApisAndTheirDocumentsNameTheFrontDoor() throws Exception {
        Answer page = get("/swagger-ui.html", null);
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).isEqualTo("/swagger-ui/index.html");
        Answer index = get("/swagger-ui/index.html", null);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("swagger-ui");
        assertThat(get("/swagger-ui/swagger-initializer.js", null).body()).contains("/v3/api-docs/swagger-config");

        JsonNode config = get("/v3/api-docs/swagger-config", null).json();
        List<String> urls = new ArrayList<>();
        config.get("urls").forEach(u -> urls.add(u.get("url").asText()));
        assertThat(urls).containsExactly(FrontDoor.COMMANDS_DOC, FrontDoor.QUERIES_DOC);

        JsonNode commands = get(FrontDoor.COMMANDS_DOC, null).json();
        assertThat(commands.get("paths").has("/api/v1/disputes/{disputeId}/respond")).isTrue();
        assertThat(commands.at("/servers/0/url").asText()).isEqualTo(base);
        JsonNode queries = get(FrontDoor.QUERIES_DOC, null).json();
        assertThat(queries.get("paths").has("/api/v1/policies")).isTrue();
        assertThat(queries.get("paths").has("/api/v1/disputes/{disputeId}")).isTrue();
        assertThat(queries.at("/servers/0/url").asText()).isEqualTo(base);
    }

    @Test
    @Order(3)
    void aDisputeIsRaisedAnsweredAndReadBackThroughTheFrontDoor() throws Exception {
        String iro = mintedFromTheCommandLine("iro-17", "IRO");
        String raise = """
                {"policyId":"warwickshire","childCaseId":"CASE-S1","responsibleTeam":"Team 2","track":"FORMAL",
                 "categories":["HEALTH"],"concern":"Health assessment overdue.","desiredOutcome":"Booked this week."}""";
        Answer raised = post("/api/v1/disputes", iro, raise, Map.of("Idempotency-Key", "standalone-raise-1"));
        assertThat(raised.status()).as(raised.body()).isEqualTo(201);
        raisedId = raised.json().get("disputeId").asText();
        assertThat(raised.header("Location")).isEqualTo("/api/v1/disputes/" + raisedId);
        assertThat(raised.header("ETag")).isEqualTo("\"2\"");

        Answer replayed = post("/api/v1/disputes", iro, raise, Map.of("Idempotency-Key", "standalone-raise-1"));
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(replayed.json().get("disputeId").asText()).isEqualTo(raisedId);

        String manager = DevTokens.mint("sm-5", List.of("SENIOR_MANAGER"), "test", Duration.ofHours(1));
        String respond = """
                {"stage":"stage-1","response":"Assessment booked for Monday."}""";
        Answer stale = post("/api/v1/disputes/" + raisedId + "/respond", manager, respond, Map.of("If-Match", "\"1\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        Answer answered = post("/api/v1/disputes/" + raisedId + "/respond", manager, respond,
                Map.of("If-Match", "\"2\""));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.header("ETag")).isEqualTo("\"3\"");

        Answer read = get("/api/v1/disputes/" + raisedId + "?minVersion=3", iro);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("version").asLong()).isEqualTo(3);
        assertThat(read.json().at("/currentStage/answered").asBoolean()).isTrue();

        Answer invalid = post("/api/v1/disputes", iro, "{\"policyId\":\"warwickshire\"}", Map.of());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header("Content-Type")).startsWith("application/problem+json");
        assertThat(invalid.body()).contains("\"field\":\"childCaseId\"");
        assertThat(post("/api/v1/disputes", null, raise, Map.of()).status()).isEqualTo(401);
        assertThat(get("/no/such/path", null).status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void theDemoCaseloadIsListedAcrossAllFivePolicies() throws Exception {
        assertThat(standalone.demoEventsAppended()).isGreaterThan(30);
        String auditor = DevTokens.mint("aud-1", List.of("IRO_MANAGER"), "test", Duration.ofHours(1));
        JsonNode page = awaitJson("/api/v1/disputes?size=100", auditor,
                json -> json.get("items").size() >= DemoCaseload.IDS.size() + 1);
        List<String> ids = new ArrayList<>();
        Set<String> policies = new java.util.HashSet<>();
        Set<String> statuses = new java.util.HashSet<>();
        page.get("items").forEach(item -> {
            ids.add(item.get("disputeId").asText());
            policies.add(item.get("policyId").asText());
            statuses.add(item.get("status").asText());
        });
        assertThat(ids).containsAll(DemoCaseload.IDS);
        assertThat(policies).contains("wakefield", "birmingham", "group-manager-ladder", "warwickshire", "durham");
        assertThat(statuses).contains("OPEN", "RESOLVED", "CLOSED", "WITHDRAWN");
        JsonNode deepest = get("/api/v1/disputes/demo-06", auditor).json();
        assertThat(deepest.at("/currentStage/key").asText()).isEqualTo("stage-3");
    }

    @Test
    @Order(5)
    void referenceEndpointsAnswerExactlyAsDisputeQueryDoes() throws Exception {
        String query = "http://127.0.0.1:" + standalone.queryPort();
        for (String path : List.of("/api/v1/policies", "/api/v1/policies/durham", "/api/v1/policies/durham?version=1",
                "/api/v1/policies/wakefield/schedule?startDate=2026-01-05",
                "/api/v1/policies/durham/schedule?startDate=2026-03-02&fromStage=stage-4",
                "/api/v1/calendar/working-days?from=2026-12-21&add=5",
                "/api/v1/calendar/working-days?from=2026-12-21&to=2027-01-08",
                "/api/v1/calendar/working-days?from=not-a-date&add=5", "/api/v1/policies/no-such-policy")) {
            Answer front = get(path, null);
            Answer direct = send(HttpRequest.newBuilder(URI.create(query + path)).GET());
            assertThat(front.status()).as(path).isEqualTo(direct.status());
            assertThat(front.header("Content-Type")).as(path).isEqualTo(direct.header("Content-Type"));
            assertThat(front.body()).as(path).isEqualTo(direct.body());
        }
        assertThat(get("/api/v1/calendar/working-days?from=not-a-date&add=5", null).status()).isEqualTo(400);
    }

    @Test
    @Order(6)
    void theSchedulersDeadlinesReachTheCommandServiceInProcess() throws Exception {
        String auditor = DevTokens.mint("aud-1", List.of("AUDITOR"), "test", Duration.ofHours(1));
        JsonNode before = get("/api/v1/disputes/demo-03", auditor).json();
        LocalDate due = LocalDate.parse(before.at("/currentStage/dueDate").asText());
        assertThat(before.get("overdue").asBoolean()).isFalse();

        JdbcTemplate store = standalone.commandContext().getBean(JdbcTemplate.class);
        String overdue = "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'demo-03'"
                + " AND payloadtype LIKE '%.StageOverdue'";
        assertThat(store.queryForObject(overdue, Long.class)).isZero();

        // The scheduler's deadline falls due on the moved clock and is sent through the in-process port.
        clock.moveBy(Duration.ofDays(40));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (store.queryForObject(overdue, Long.class) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(store.queryForObject(overdue, Long.class)).isEqualTo(1);
        long version = store.queryForObject("SELECT max(sequencenumber) FROM domainevententry"
                + " WHERE aggregateidentifier = 'demo-03'", Long.class);
        Answer after = get("/api/v1/disputes/demo-03?minVersion=" + version, auditor);
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.json().get("overdue").asBoolean()).isTrue();
        assertThat(after.json().get("version").asLong()).isGreaterThan(before.get("version").asLong());

        String metadata = store.queryForObject("SELECT convert_from(metadata, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = 'demo-03' AND payloadtype LIKE '%.StageOverdue'", String.class);
        JsonNode who = JSON.readTree(metadata);
        assertThat(who.get("subject").asText()).isEqualTo(InProcessCommandPort.SUBJECT);
        assertThat(who.get("role").asText()).isEqualTo("SYSTEM");

        // The adapter itself: a repeat is accepted and appends nothing; what cannot succeed is not retried.
        InProcessCommandPort port = new InProcessCommandPort(standalone.commandContext().getBean(DisputeCommands.class));
        assertThat(port.recordStatutoryTimescaleBreached("demo-03")).isEqualTo(Outcome.DONE);
        long events = countOf(store, "demo-03");
        assertThat(port.recordStatutoryTimescaleBreached("demo-03")).isEqualTo(Outcome.DONE);
        assertThat(port.recordStageOverdue("demo-03", "stage-1", due)).isEqualTo(Outcome.DONE);
        assertThat(countOf(store, "demo-03")).isEqualTo(events);
        assertThat(port.recordStageOverdue("no-such-dispute", "stage-1", due)).isEqualTo(Outcome.NOTHING_TO_DO);
        assertThat(port.recordStageOverdue("not a dispute id!", "stage-1", due)).isEqualTo(Outcome.NOTHING_TO_DO);
    }

    @Test
    @Order(7)
    void aRestartOnTheSameFolderKeepsEverythingAndTheDemoLoadsOnce() throws Exception {
        JdbcTemplate store = standalone.commandContext().getBean(JdbcTemplate.class);
        // The moved clock made many deadlines due: let the scheduler finish with them first.
        long events = count(store);
        for (int unchanged = 0; unchanged < 4; ) {
            Thread.sleep(1_000);
            long now = count(store);
            unchanged = now == events ? unchanged + 1 : 0;
            events = now;
        }
        standalone.close();
        assertThat(standalone.health()).containsValues("DOWN");
        standalone = null;

        standalone = start(new MovableClock());
        assertThat(standalone.demoEventsAppended()).isZero();
        assertThat(count(standalone.commandContext().getBean(JdbcTemplate.class))).isEqualTo(events);
        assertThat(get("/actuator/health", null).status()).isEqualTo(200);
        String iro = DevTokens.mint("iro-17", List.of("IRO"), "test", Duration.ofHours(1));
        Answer read = get("/api/v1/disputes/" + raisedId + "?minVersion=3", iro);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().at("/currentStage/answered").asBoolean()).isTrue();
    }

    private static long count(JdbcTemplate store) {
        return store.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    private static long countOf(JdbcTemplate store, String disputeId) {
        return store.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                disputeId);
    }

    private static String mintedFromTheCommandLine(String subject, String role) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Standalone.main(new String[] {"mint-token", "--subject", subject, "--role", role});
        } finally {
            System.setOut(original);
        }
        // The running services' threads log to the same System.out meanwhile (a deadline firing, say): the token is
        // the one line that is a token.
        List<String> tokens = captured.toString(StandardCharsets.UTF_8).lines().map(String::trim)
                .filter(line -> line.matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+")).toList();
        assertThat(tokens).hasSize(1);
        return tokens.get(0);
    }

    private JsonNode awaitJson(String path, String token, java.util.function.Predicate<JsonNode> condition)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Answer answer = get(path, token);
            if (answer.status() == 200) {
                last = answer.json();
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no answer from " + path + " met the condition; last: " + last);
    }

    private Answer get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private Answer post(String path, String token, String json, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), name -> response.headers().firstValue(name)
                .orElse(null));
    }

    private record Answer(int status, String body, java.util.function.Function<String, String> headers) {
        String header(String name) {
            return headers.apply(name);
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }
}
