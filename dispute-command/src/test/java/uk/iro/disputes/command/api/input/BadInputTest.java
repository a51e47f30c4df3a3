package uk.iro.disputes.command.api.input;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.command.api.input.Problems.assertInvalid;
import static uk.iro.disputes.command.api.input.Problems.assertProblem;
import static uk.iro.disputes.command.api.input.Problems.fieldsNamed;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER;
import static uk.iro.disputes.kernel.dispute.Role.SYSTEM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.iro.disputes.command.api.Api.Call;
import uk.iro.disputes.command.api.CommandServiceTest;
import uk.iro.disputes.command.api.Requests;
import uk.iro.disputes.command.api.TestTokens;
import uk.iro.disputes.kernel.calendar.BusinessDate;

/**
 * Bad input, case by case: each answer is a 4xx {@code application/problem+json} that names what was wrong, and
 * nothing is recorded. Every test here acts on {@link #dispute}, whose stream must still hold exactly the three
 * events of its raising afterwards; tests that try to raise a dispute check that none was raised.
 */
class BadInputTest extends CommandServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IRO_TOKEN = TestTokens.token("iro-17", IRO);
    private static final String RESPONDENT_TOKEN = TestTokens.token("sm-5", SENIOR_MANAGER);
    private static final String SCHEDULER_TOKEN = TestTokens.token("deadline-scheduler", SYSTEM);

    private RawHttp http;
    /** A Wakefield dispute at stage 1 (3 events), the target of every step tried here. */
    private String dispute;
    /** Put in every raise body these tests send, so a dispute raised by mistake is found. */
    private String marker;

    @BeforeEach
    void raiseTheDisputeUnderTest() {
        http = new RawHttp(port);
        marker = "marker-" + UUID.randomUUID();
        Call raised = http.post("/api/v1/disputes", IRO_TOKEN, Requests.raiseWakefieldFormally(caseId()));
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        dispute = raised.disputeId();
    }

    @AfterEach
    void nothingWasRecorded() {
        assertThat(Problems.events(jdbc, dispute)).as("events of dispute " + dispute).isEqualTo(3);
        assertThat(Problems.raisedWith(jdbc, marker)).as("disputes raised with " + marker).isZero();
    }

    // ---- the body is not a JSON object

    @Test
    void malformedJsonNamesTheBody() {
        assertInvalid(step("withdraw", "{\"reason\": \"raised in error\""), "body");
        assertInvalid(raise("{\"policyId\":\"wakefield\",}"), "body");
    }

    @Test
    void anEmptyBodyNamesTheBody() {
        assertInvalid(step("withdraw", ""), "body");
        assertInvalid(http.send("POST", path("withdraw"), IRO_TOKEN, "application/json", (byte[]) null, Map.of()),
                "body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"reason\":\"raised in error\"}]", "null", "\"raised in error\"", "42", "true"})
    void aBodyThatIsNotAnObjectNamesTheBody(String body) {
        assertInvalid(step("withdraw", body), "body");
        assertInvalid(raise(body), "body");
    }

    @Test
    void aSecondJsonValueAfterTheObjectNamesTheBody() {
        assertInvalid(step("withdraw", "{\"reason\":\"a\"} {\"reason\":\"b\"}"), "body");
    }

    // ---- a field of the wrong JSON type

    @ParameterizedTest
    @ValueSource(strings = {"42", "1.5", "true", "{}", "[]", "[\"raised in error\"]"})
    void aTextFieldGivenAnotherTypeIsNamed(String value) {
        assertInvalid(step("withdraw", "{\"reason\": " + value + "}"), "reason");
        ObjectNode body = raiseBody();
        body.set("responsibleTeam", parse(value));
        assertInvalid(raise(body), "responsibleTeam");
    }

    /**
     * Text PostgreSQL cannot store: recorded, it would stop the read models taking this dispute's events (a seeded
     * fuzz run raised a dispute whose team held a NUL, and later reads of the store failed on it). Sent as the JSON
     * escapes a client would write.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\"Team\\u0000A\"", "\"\\u0000\"", "\"Team \\ud800\"", "\"\\udc00 Team\"",
            "\"\\ude00\\ud83d\""})
    void textPostgresCannotStoreIsNamed(String value) {
        assertUnstorable(step("withdraw", "{\"reason\": " + value + "}"), "reason");
        ObjectNode body = raiseBody();
        body.put("responsibleTeam", "PLACEHOLDER");
        assertUnstorable(raise(body.toString().replace("\"PLACEHOLDER\"", value)), "responsibleTeam");
        ObjectNode response = respondBody();
        ((ObjectNode) response.withArray("plannedActions").get(0)).put("description", "PLACEHOLDER");
        assertUnstorable(http.post(path("respond"), RESPONDENT_TOKEN,
                response.toString().replace("\"PLACEHOLDER\"", value)), "plannedActions[0].description");
    }

    @Test
    void aCharacterOutsideTheBasicPlaneAndATabAreText() {
        ObjectNode body = (ObjectNode) parse(Requests.raiseWakefieldFormally(caseId()));
        body.put("responsibleTeam", "PLACEHOLDER");
        Call call = raise(body.toString().replace("\"PLACEHOLDER\"", "\"Team \\ud83d\\ude00\\tEast\""));

        assertThat(call.status()).as(call.toString()).isEqualTo(201);
    }

    private static void assertUnstorable(Call call, String field) {
        JsonNode problem = assertInvalid(call, field);
        assertThat(problem.path("errors").get(0).path("message").asText()).as(call.toString()).contains("NUL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yes\"", "\"true\"", "\"\"", "1", "0", "[true]", "{}"})
    void aBooleanFieldGivenAnotherTypeIsNamed(String value) {
        assertInvalid(step("monitoring-outcome", "{\"achieved\": " + value + "}"), "achieved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"20000", "\"20000\"", "\"\"", "\"2026-01-01T10:00:00\"", "\"01/02/2026\"", "true"})
    void aDateFieldGivenSomethingElseIsNamed(String value) {
        assertInvalid(step("child-informed", "{\"informedOn\": " + value + ", \"how\": \"In person\"}"),
                "informedOn");
    }

    @Test
    void aListFieldGivenASingleValueIsNamed() {
        ObjectNode body = raiseBody();
        body.put("categories", "HEALTH");
        assertInvalid(raise(body), "categories");
        assertInvalid(step("meetings",
                "{\"heldOn\":\"2026-01-05\",\"attendeeRoles\":\"IRO\",\"outcome\":\"RESOLVED\"}"), "attendeeRoles");
    }

    @Test
    void aNestedObjectGivenAStringIsNamed() {
        ObjectNode body = raiseBody();
        body.put("consultee", "irom-3");
        assertInvalid(raise(body), "consultee");
    }

    // ---- too long

    @Test
    void anOversizedConcernIsNamed() {
        ObjectNode body = raiseBody();
        body.put("concern", "x".repeat(8001));
        assertInvalid(raise(body), "concern");
    }

    @Test
    void anOversizedResponsibleTeamIsNamed() {
        ObjectNode body = raiseBody();
        body.put("responsibleTeam", "T".repeat(201));
        assertInvalid(raise(body), "responsibleTeam");
    }

    @Test
    void oversizedTextInAStepIsNamed() {
        assertInvalid(step("withdraw", "{\"reason\":\"" + "r".repeat(2001) + "\"}"), "reason");
        assertInvalid(step("monitoring-outcome", "{\"achieved\":true,\"notes\":\"" + "n".repeat(8001) + "\"}"),
                "notes");
        assertInvalid(respond(respondBody().put("response", "r".repeat(8001))), "response");
    }

    @Test
    void aConcernAtTheLimitIsAccepted() {
        ObjectNode body = raiseBody();
        body.put("concern", "x".repeat(8000));
        body.put("desiredOutcome", "Accepted at the limit");
        Call raised = raise(body);
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
    }

    // ---- values outside an enumeration

    @Test
    void anUnknownTrackIsNamedWithTheValuesAllowed() {
        ObjectNode body = raiseBody();
        body.put("track", "FAST");
        JsonNode problem = assertInvalid(raise(body), "track");
        assertThat(problem.path("errors").get(0).path("message").asText())
                .contains("INFORMAL", "FORMAL", "IMMEDIATE_CONCERN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "\"1\"", "\"formal\"", "\"\"", "null"})
    void aTrackThatIsNotOneOfTheNamesIsNamed(String value) {
        ObjectNode body = raiseBody();
        body.set("track", parse(value));
        assertInvalid(raise(body), "track");
    }

    @Test
    void anUnknownCategoryIsNamedByItsIndex() {
        ObjectNode body = raiseBody();
        body.putArray("categories").add("HEALTH").add("WEATHER");
        assertInvalid(raise(body), "categories[1]");
    }

    @Test
    void anUnknownRoleIsNamedByItsPath() {
        ObjectNode body = raiseBody();
        ((ObjectNode) body.get("consultee")).put("role", "BOSS");
        assertInvalid(raise(body), "consultee.role");
        assertInvalid(step("meetings", "{\"heldOn\":\"2026-01-05\",\"attendeeRoles\":[\"IRO\",\"CHAIR\"],"
                + "\"outcome\":\"RESOLVED\"}"), "attendeeRoles[1]");
        ObjectNode respond = respondBody();
        ((ObjectNode) respond.get("plannedActions").get(0).get("owner")).put("role", "PARENT");
        assertInvalid(respond(respond), "plannedActions[0].owner.role");
    }

    @Test
    void anUnknownOutcomeIsNamed() {
        assertInvalid(step("resolve", "{\"outcome\":\"DONE\",\"summary\":\"Agreed\"}"), "outcome");
        assertInvalid(step("monitoring-outcome", "{\"achieved\":false,\"nextStep\":\"GIVE_UP\"}"), "nextStep");
    }

    // ---- fields that are not part of the request

    @Test
    void anUnknownPropertyIsNamed() {
        assertInvalid(step("withdraw", "{\"reason\":\"raised in error\",\"urgent\":true}"), "urgent");
    }

    @Test
    void anUnknownNestedPropertyIsNamedByItsPath() {
        ObjectNode body = raiseBody();
        ((ObjectNode) body.get("consultee")).put("name", "someone");
        assertInvalid(raise(body), "consultee.name");
    }

    @Test
    void aPropertyGivenTwiceIsNamed() {
        assertInvalid(step("withdraw", "{\"reason\":\"raised in error\",\"reason\":\"duplicate\"}"), "reason");
        ObjectNode body = respondBody();
        String twice = body.toString().replace("\"role\":\"TEAM_MANAGER\"",
                "\"role\":\"TEAM_MANAGER\",\"role\":\"IRO\"");
        assertInvalid(http.post(path("respond"), RESPONDENT_TOKEN, twice), "plannedActions[0].owner.role");
    }

    // ---- missing

    @Test
    void everyMissingRequiredFieldOfARaiseIsNamed() {
        assertInvalid(raise("{}"), "policyId", "childCaseId", "responsibleTeam", "track", "categories", "concern",
                "desiredOutcome");
    }

    @Test
    void missingAndNullRequiredFieldsOfStepsAreNamed() {
        assertInvalid(step("withdraw", "{}"), "reason");
        assertInvalid(step("withdraw", "{\"reason\":null}"), "reason");
        assertInvalid(step("withdraw", "{\"reason\":\"   \"}"), "reason");
        assertInvalid(step("meetings", "{}"), "heldOn", "attendeeRoles", "outcome");
        assertInvalid(step("extend", "{\"stage\":\"stage-1\"}"), "newDueDate");
        assertInvalid(step("monitoring-outcome", "{\"notes\":\"n\"}"), "achieved");
        assertInvalid(http.post("/internal/v1/disputes/" + dispute + "/stage-overdue", SCHEDULER_TOKEN, "{}"),
                "stage", "dueDate");
    }

    @Test
    void aMissingFieldOfAPlannedActionIsNamedByItsPath() {
        ObjectNode body = respondBody();
        ((ObjectNode) body.get("plannedActions").get(0)).remove("dueBy");
        assertInvalid(respond(body), "plannedActions[0].dueBy");
        body = respondBody();
        ((ObjectNode) body.get("plannedActions").get(0)).remove("owner");
        assertInvalid(respond(body), "plannedActions[0].owner");
        assertInvalid(step("resolve", "{\"outcome\":\"RESOLVED\",\"summary\":\"Agreed\",\"agreedActions\":[null]}"),
                "agreedActions[0]");
    }

    // ---- identifiers in the wrong form

    @Test
    void aChildCaseIdWithSpacesIsNamed() {
        ObjectNode body = raiseBody();
        body.put("childCaseId", "CASE 17");
        assertInvalid(raise(body), "childCaseId");
    }

    @Test
    void aStaffIdThatLooksLikeAnEmailIsNamed() {
        ObjectNode body = raiseBody();
        ((ObjectNode) body.get("consultee")).put("staffId", "irom@3");
        assertInvalid(raise(body), "consultee.staffId");
        body = raiseBody();
        body.put("iroStaffId", "iro@17");
        assertInvalid(raise(body), "iroStaffId");
        ObjectNode respond = respondBody();
        ((ObjectNode) respond.get("plannedActions").get(0).get("owner")).put("staffId", "tm 8");
        assertInvalid(respond(respond), "plannedActions[0].owner.staffId");
    }

    @Test
    void anUpperCaseStageKeyIsNamed() {
        assertInvalid(respond(respondBody().put("stage", "STAGE-1")), "stage");
        assertInvalid(step("escalate", "{\"fromStage\":\"Stage-1\",\"reason\":\"r\"}"), "fromStage");
        assertInvalid(step("escalate", "{\"fromStage\":\"stage-1\",\"toStage\":\"stage 3\",\"reason\":\"r\"}"),
                "toStage");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad%20id!", "bad_id", "-leading-hyphen",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void aMalformedDisputeIdInThePathIsNamed(String disputeId) {
        assertInvalid(http.post("/api/v1/disputes/" + disputeId + "/withdraw", IRO_TOKEN,
                "{\"reason\":\"raised in error\"}"), "disputeId");
        assertInvalid(http.post("/internal/v1/disputes/" + disputeId + "/statutory-timescale-breached",
                SCHEDULER_TOKEN, null), "disputeId");
    }

    // ---- dates

    @Test
    void anImpossibleDateIsNamed() {
        assertInvalid(step("child-informed", "{\"informedOn\":\"2026-13-45\",\"how\":\"In person\"}"), "informedOn");
        assertInvalid(step("meetings", meetingHeldOn("2026-02-30")), "heldOn");
        ObjectNode body = respondBody();
        ((ObjectNode) body.get("plannedActions").get(0)).put("dueBy", "2026-13-45");
        assertInvalid(respond(body), "plannedActions[0].dueBy");
    }

    @Test
    void aDateOutsideTheCalendarTheServiceKeepsIsNamed() {
        assertInvalid(step("child-informed", "{\"informedOn\":\"-999999999-01-01\",\"how\":\"In person\"}"),
                "informedOn");
        assertInvalid(step("meetings", meetingHeldOn("0001-01-01")), "heldOn");
        ObjectNode body = respondBody();
        ((ObjectNode) body.get("plannedActions").get(0)).put("dueBy", "+999999999-12-31");
        assertInvalid(respond(body), "plannedActions[0].dueBy");
    }

    /** Durham allows an extension with no maximum, so only the API stands between a far-off date and the record. */
    @Test
    void anExtensionToAFarOffDateIsNamedAndNotRecorded() {
        Call raised = http.post("/api/v1/disputes", IRO_TOKEN, """
                {"policyId":"durham","childCaseId":"%s","responsibleTeam":"Looked After 1","track":"FORMAL",
                 "categories":["HEALTH"],"concern":"Health assessment overdue.",
                 "desiredOutcome":"Assessment booked."}"""
                .formatted(caseId()));
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        String durham = raised.disputeId();
        long before = Problems.events(jdbc, durham);

        for (String date : new String[] {"+999999999-12-31", "10000-01-01", "9999-12-31"}) {
            assertInvalid(http.post("/api/v1/disputes/" + durham + "/extend", IRO_TOKEN, "{\"stage\":\"stage-2\","
                    + "\"newDueDate\":\"" + date + "\",\"benefitToChild\":\"More time to plan.\"}"), "newDueDate");
        }
        assertThat(Problems.events(jdbc, durham)).isEqualTo(before);
    }

    @Test
    void aMeetingHeldTomorrowBreaksTheRuleAndTheProblemNamesTheField() {
        LocalDate tomorrow = LocalDate.now(BusinessDate.LONDON).plusDays(1);
        JsonNode problem = assertProblem(step("meetings", meetingHeldOn(tomorrow.toString())), 409);
        assertThat(problem.path("type").asText()).isEqualTo("urn:iro-disputes:rule:date-in-future");
        assertThat(problem.path("detail").asText()).contains("heldOn");
    }

    @Test
    void aChildInformedTomorrowBreaksTheRuleAndTheProblemNamesTheField() {
        LocalDate tomorrow = LocalDate.now(BusinessDate.LONDON).plusDays(1);
        JsonNode problem = assertProblem(step("child-informed",
                "{\"informedOn\":\"" + tomorrow + "\",\"how\":\"In person\"}"), 409);
        assertThat(problem.path("type").asText()).isEqualTo("urn:iro-disputes:rule:date-in-future");
        assertThat(problem.path("detail").asText()).contains("informedOn");
    }

    // ---- the dispute, the headers, the HTTP method

    @Test
    void anUnknownDisputeIsA404Problem() {
        String unknown = UUID.randomUUID().toString();
        JsonNode problem = assertProblem(http.post("/api/v1/disputes/" + unknown + "/withdraw", IRO_TOKEN,
                "{\"reason\":\"raised in error\"}"), 404);
        assertThat(problem.path("type").asText()).isEqualTo("urn:iro-disputes:problem:dispute-not-found");
        assertThat(problem.path("detail").asText()).contains(unknown);
        assertProblem(http.post("/internal/v1/disputes/" + unknown + "/stage-overdue", SCHEDULER_TOKEN,
                "{\"stage\":\"stage-1\",\"dueDate\":\"2026-01-05\"}"), 404);
        assertThat(Problems.events(jdbc, unknown)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"banana", "\"-1\"", "\"2\", \"3\"", "\"1234567890123456789\""})
    void aBadIfMatchIsNamed(String ifMatch) {
        assertInvalid(http.post(path("withdraw"), IRO_TOKEN, "{\"reason\":\"raised in error\"}",
                Map.of("If-Match", ifMatch)), "If-Match");
    }

    @Test
    void aStaleIfMatchIsA412Problem() {
        assertProblem(http.post(path("withdraw"), IRO_TOKEN, "{\"reason\":\"raised in error\"}",
                Map.of("If-Match", "\"1\"")), 412);
    }

    @Test
    void aBadIdempotencyKeyIsNamed() {
        assertInvalid(http.post(path("withdraw"), IRO_TOKEN, "{\"reason\":\"raised in error\"}",
                Map.of("Idempotency-Key", "k".repeat(300))), "Idempotency-Key");
        assertInvalid(http.post(path("withdraw"), IRO_TOKEN, "{\"reason\":\"raised in error\"}",
                Map.of("Idempotency-Key", "two words")), "Idempotency-Key");
        assertInvalid(http.post("/api/v1/disputes", IRO_TOKEN, raiseBody().toString(),
                Map.of("Idempotency-Key", "k".repeat(256))), "Idempotency-Key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/yaml", "application/xml",
            "application/octet-stream"})
    void aBodyThatIsNotJsonIsA415Problem(String contentType) {
        assertProblem(http.send("POST", path("withdraw"), IRO_TOKEN, contentType, "{\"reason\":\"raised in error\"}",
                Map.of()), 415);
        assertProblem(http.send("POST", path("withdraw"), IRO_TOKEN, contentType, "reason: raised in error",
                Map.of()), 415);
        assertProblem(http.send("POST", "/api/v1/disputes", IRO_TOKEN, contentType, raiseBody().toString(),
                Map.of()), 415);
    }

    @Test
    void aBodyWithNoContentTypeIsA415Problem() {
        assertProblem(http.send("POST", path("withdraw"), IRO_TOKEN, null, "{\"reason\":\"raised in error\"}",
                Map.of()), 415);
    }

    @Test
    void getOnAPostOnlyPathIsA405Problem() {
        Call call = http.send("GET", path("withdraw"), IRO_TOKEN, null, (byte[]) null, Map.of());
        assertProblem(call, 405);
        assertThat(call.header("Allow")).contains("POST");
        assertProblem(http.send("PUT", "/api/v1/disputes", IRO_TOKEN, "application/json", raiseBody().toString(),
                Map.of()), 405);
    }

    /** The answer would be JSON the caller said it cannot take: refused before the step is taken, not after. */
    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/xml", "application/yaml"})
    void anAnswerTheCallerCannotAcceptIsA406ProblemAndNothingIsRecorded(String accept) {
        assertProblem(http.post(path("legal-advice-request"), IRO_TOKEN, "{\"reason\":\"Advice on the plan\"}",
                Map.of("Accept", accept)), 406);
        assertProblem(http.post("/api/v1/disputes", IRO_TOKEN, raiseBody().toString(), Map.of("Accept", accept)),
                406);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/disputes/abc;x=1/withdraw", "/api/v1/disputes//withdraw",
            "/api/v1/disputes/a%25b/withdraw", "/api/v1/disputes/a%3Bb/withdraw"})
    void aPathTheFirewallRefusesIsA400Problem(String path) {
        assertProblem(http.post(path, IRO_TOKEN, "{\"reason\":\"raised in error\"}"), 400);
    }

    /** Refused by Tomcat itself, before the application sees the request. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/disputes/a%2Fb/withdraw", "/api/v1/disputes/a%5Cb/withdraw",
            "/api/v1/disputes/a%00b/withdraw", "/api/v1/disputes/a%ZZb/withdraw"})
    void aUrlTomcatRefusesIsA400Problem(String path) {
        assertInvalid(http.sendOverSocket("POST", path, IRO_TOKEN, Map.of(),
                "{\"reason\":\"raised in error\"}".getBytes(StandardCharsets.UTF_8)), "request");
    }

    @Test
    void headersTomcatRefusesAreA400Problem() {
        byte[] withdraw = "{\"reason\":\"raised in error\"}".getBytes(StandardCharsets.UTF_8);
        assertInvalid(http.sendOverSocket("POST", path("withdraw"), IRO_TOKEN, Map.of("Idempotency-Key", "a\u0001b"),
                withdraw), "request");
        assertInvalid(http.sendOverSocket("POST", path("withdraw"), IRO_TOKEN, Map.of("X-Padding", "p".repeat(20_000)),
                withdraw), "request");
    }

    /**
     * A control character (here U+0085, sent as the obs-text byte 0x85) in a header the step reads: the firewall
     * checks a header when it is read, inside the application, not at the door.
     */
    @Test
    void aHeaderValueTheFirewallRefusesIsA400Problem() {
        byte[] withdraw = "{\"reason\":\"raised in error\"}".getBytes(StandardCharsets.UTF_8);
        assertInvalid(http.sendOverSocket("POST", path("withdraw"), IRO_TOKEN, Map.of("Idempotency-Key", "key\u0085"),
                withdraw), "request");
        assertInvalid(http.sendOverSocket("POST", path("close"), IRO_TOKEN, Map.of("If-Match", "\"2\"\u0085"),
                new byte[0]), "request");
    }

    @Test
    void everyErrorOfAnInvalidRequestIsReportedAtOnce() {
        Call call = step("meetings", "{\"heldOn\":null,\"attendeeRoles\":[],\"outcome\":null,\"summary\":\""
                + "s".repeat(8001) + "\"}");
        assertInvalid(call, "heldOn", "attendeeRoles", "outcome", "summary");
        assertThat(fieldsNamed(call)).hasSize(4);
    }

    // ---- helpers

    private String path(String step) {
        return "/api/v1/disputes/" + dispute + "/" + step;
    }

    private Call step(String step, String body) {
        return http.post(path(step), IRO_TOKEN, body);
    }

    /** A meeting of the IRO and the stage's senior manager, held on this date. */
    private static String meetingHeldOn(String date) {
        return "{\"heldOn\":\"" + date + "\",\"attendeeRoles\":[\"IRO\",\"SENIOR_MANAGER\"],\"outcome\":\"RESOLVED\"}";
    }

    private Call respond(ObjectNode body) {
        return http.post(path("respond"), RESPONDENT_TOKEN, body.toString());
    }

    private Call raise(String body) {
        return http.post("/api/v1/disputes", IRO_TOKEN, body);
    }

    private Call raise(ObjectNode body) {
        return raise(body.toString());
    }

    /** A valid Wakefield raise carrying this test's marker. */
    private ObjectNode raiseBody() {
        ObjectNode body = (ObjectNode) parse(Requests.raiseWakefieldFormally(caseId()));
        body.put("desiredOutcome", "Family finding starts within four weeks (" + marker + ")");
        return body;
    }

    /** A valid response to stage 1, with one planned action. */
    private static ObjectNode respondBody() {
        return (ObjectNode) parse(Requests.respond("stage-1"));
    }

    private static String caseId() {
        return "CASE-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
