package uk.iro.disputes.command.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.iro.disputes.command.DisputeCommandApplication;
import uk.iro.disputes.command.api.Api.Call;
import uk.iro.disputes.command.api.Requests;
import uk.iro.disputes.command.api.TestTokens;
import uk.iro.disputes.kernel.calendar.BusinessDate;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.ProgressRating;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.Track;

/**
 * Whatever a client sends to any command endpoint (valid bodies with fields replaced, removed or added,
 * arbitrary JSON, arbitrary bytes under arbitrary content types, odd If-Match and Idempotency-Key headers):
 * the answer is never a 5xx; a 4xx is {@code application/problem+json} (a 400 naming each bad field); a refused
 * request records nothing; an accepted one reports exactly the events it recorded.
 *
 * <p>jqwik cannot use Spring's JUnit extension, so the service is started here, once for the class, on a random
 * port against the local PostgreSQL. The test-only ladder with a capped extension is loaded too, so extensions to
 * far-off dates reach the working-day arithmetic.
 */
class NoServerErrorPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String IRO_STAFF_ID = "iro-17";
    /** Raises in this run are made by this IRO alone, so a raise refused can be checked to have raised nothing. */
    private static final String RAISER = "iro-prop-" + UUID.randomUUID().toString().substring(0, 8);

    private static ConfigurableApplicationContext service;
    private static RawHttp http;
    private static JdbcClient jdbc;
    /** A dispute per policy, replaced once a step has changed it, so most tries meet a dispute at its first stage. */
    private static final Map<String, String> disputes = new HashMap<>();

    @BeforeContainer
    static void startTheService() throws URISyntaxException {
        // As command-line arguments: they outrank application.yaml, which sets the key and issuer from the
        // environment (default properties would not).
        String ladder = Path.of(NoServerErrorPropertyTest.class.getResource("/policies/test-ladder.yaml").toURI())
                .toString();
        service = new SpringApplicationBuilder(DisputeCommandApplication.class).run(
                "--server.port=0",
                "--iro.security.jwt.public-key=" + TestTokens.publicKeyPem(),
                "--iro.security.jwt.issuer=" + TestTokens.ISSUER,
                "--iro.policies.locations=" + ladder,
                "--spring.main.banner-mode=off");
        int port = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        http = new RawHttp(port);
        jdbc = service.getBean(JdbcClient.class);
    }

    @AfterContainer
    static void stopTheService() {
        if (service != null) {
            service.close();
        }
    }

    // ---- the properties

    @Property(tries = 300)
    void mutatedValidBodiesNeverFailTheServer(@ForAll("endpoints") Endpoint endpoint,
            @ForAll("mutations") List<Mutation> mutations, @ForAll("headers") Map<String, String> headers) {
        JsonNode body = endpoint.validBody().deepCopy();
        for (Mutation mutation : mutations) {
            body = mutation.applyTo(body);
        }
        send(endpoint, "application/json", body.toString().getBytes(StandardCharsets.UTF_8), headers);
    }

    @Property(tries = 200)
    void arbitraryJsonNeverFailsTheServer(@ForAll("endpoints") Endpoint endpoint, @ForAll("json") JsonNode body) {
        send(endpoint, "application/json", body.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Property(tries = 200)
    void arbitraryBytesUnderAnyContentTypeNeverFailTheServer(@ForAll("endpoints") Endpoint endpoint,
            @ForAll("contentTypes") String contentType, @ForAll("rawBodies") byte[] body) {
        send(endpoint, contentType.isEmpty() ? null : contentType, body, Map.of());
    }

    /**
     * The test ladder caps extensions at 5 working days, so the dispute counts the working days to the date asked
     * for; for a date in year 999999999 that was a walk over every year, long enough to hold a request thread and
     * exhaust the heap.
     */
    @Example
    void anExtensionToAFarOffDateIsRefusedPromptly() {
        // A dispute of its own: were the request to hang, it would hold this dispute's lock, not the shared one's.
        String dispute = raise("test-ladder");
        long before = Problems.events(jdbc, dispute);
        long started = System.nanoTime();
        Call call = http.post("/api/v1/disputes/" + dispute + "/extend", token(IRO_STAFF_ID, Role.IRO),
                "{\"stage\":\"stage-1\",\"newDueDate\":\"+999999999-12-31\"}");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        Problems.assertInvalid(call, "newDueDate");
        assertThat(Problems.events(jdbc, dispute)).isEqualTo(before);
    }

    // ---- sending and checking

    private static void send(Endpoint endpoint, String contentType, byte[] body, Map<String, String> headers) {
        String dispute = endpoint.creates() ? null : disputeFor(endpoint.policy());
        long before = recorded(endpoint, dispute);
        Call call = http.send("POST", endpoint.path(dispute), endpoint.token(), contentType, body, headers);
        long after = recorded(endpoint, dispute);

        String described = endpoint.name() + " " + headers + " Content-Type " + contentType + "\n  body: "
                + abbreviate(new String(body, StandardCharsets.UTF_8)) + "\n  answer: " + abbreviate(call.toString());
        assertThat(call.status()).as(described).isBetween(200, 499);
        if (call.status() >= 400) {
            assertThat(after).as("events recorded by a refused request: " + described).isEqualTo(before);
            JsonNode problem = Problems.assertProblem(call, call.status());
            if (Problems.INVALID_REQUEST.equals(problem.path("type").asText())) {
                assertThat(problem.path("errors").isArray()).as(described).isTrue();
                assertThat(problem.path("errors").isEmpty()).as(described).isFalse();
                problem.path("errors").forEach(error -> {
                    // Not blank: a field is named as the caller spelt it, and "\t" is a name a caller can use.
                    assertThat(error.path("field").asText()).as(described).isNotEmpty();
                    assertThat(error.path("message").asText()).as(described).isNotBlank();
                });
            }
        } else {
            assertThat(call.header("Content-Type")).as(described).startsWith("application/json");
            if (!endpoint.creates()) {
                assertThat(call.json().path("eventsAppended").asLong()).as(described).isEqualTo(after - before);
                if (after > before) {
                    disputes.remove(endpoint.policy());
                }
            }
        }
    }

    /** Events in the dispute's stream; for a raise, the disputes raised in this run. */
    private static long recorded(Endpoint endpoint, String dispute) {
        return endpoint.creates() ? Problems.raisedWith(jdbc, "\"" + RAISER + "\"") : Problems.events(jdbc, dispute);
    }

    private static String disputeFor(String policy) {
        return disputes.computeIfAbsent(policy, NoServerErrorPropertyTest::raise);
    }

    private static String raise(String policy) {
        String body = policy.equals("wakefield")
                ? Requests.raiseWakefieldFormally("CASE-PROP1")
                : """
                {"policyId":"%s","childCaseId":"CASE-PROP2","responsibleTeam":"Children in Care 1","track":"FORMAL",
                 "categories":["HEALTH"],"concern":"Health assessment overdue.",
                 "desiredOutcome":"Assessment booked."}"""
                        .formatted(policy);
        Call raised = http.post("/api/v1/disputes", token(IRO_STAFF_ID, Role.IRO), body);
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        return raised.disputeId();
    }

    private static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "... (" + text.length() + " characters)";
    }

    // ---- the endpoints, each with a valid body to start from

    /** {@code step} null is the raise; {@code internal} steps are the scheduler's. */
    record Endpoint(String name, String step, boolean internal, String token, String policy, JsonNode validBody) {
        boolean creates() {
            return step == null;
        }

        String path(String dispute) {
            if (creates()) {
                return "/api/v1/disputes";
            }
            return (internal ? "/internal/v1/disputes/" : "/api/v1/disputes/") + dispute + "/" + step;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Provide
    Arbitrary<Endpoint> endpoints() {
        LocalDate today = LocalDate.now(BusinessDate.LONDON);
        String iro = token(IRO_STAFF_ID, Role.IRO);
        String system = token("deadline-scheduler", Role.SYSTEM);
        String consultee = "{\"staffId\":\"irom-3\",\"role\":\"IRO_MANAGER\"}";
        return Arbitraries.of(
                new Endpoint("raise", null, false, token(RAISER, Role.IRO), "wakefield", parse("""
                        {"policyId":"wakefield","childCaseId":"CASE-PROP3","responsibleTeam":"Children in Care 2",
                         "track":"FORMAL","startingStage":"stage-1","categories":["CARE_PLAN_DRIFT_OR_DELAY","HEALTH"],
                         "concern":"Permanence plan not progressed.","desiredOutcome":"Family finding starts.",
                         "assignee":{"staffId":"sm-5","role":"SENIOR_MANAGER"},"consultee":%s,"iroStaffId":"%s"}"""
                        .formatted(consultee, RAISER))),
                new Endpoint("respond", "respond", false, token("sm-5", Role.SENIOR_MANAGER), "wakefield",
                        parse(Requests.respond("stage-1"))),
                new Endpoint("escalate", "escalate", false, iro, "wakefield", parse("""
                        {"fromStage":"stage-1","toStage":"stage-2","reason":"No response.","consultee":%s,
                         "assignee":{"staffId":"sm-9","role":"SENIOR_MANAGER"}}""".formatted(consultee))),
                new Endpoint("extend", "extend", false, iro, "test-ladder", parse("""
                        {"stage":"stage-1","newDueDate":"%s","benefitToChild":"Time to hear the child."}"""
                        .formatted(today.plusDays(9)))),
                new Endpoint("meetings", "meetings", false, iro, "wakefield", parse("""
                        {"heldOn":"%s","attendeeRoles":["IRO","SENIOR_MANAGER"],"outcome":"ACTIONS_AGREED",
                         "summary":"Actions agreed."}""".formatted(today))),
                new Endpoint("resolve", "resolve", false, iro, "wakefield", parse(Requests.resolve())),
                new Endpoint("monitoring-outcome", "monitoring-outcome", false, iro, "wakefield", parse("""
                        {"achieved":false,"nextStep":"ESCALATE","notes":"Not done."}""")),
                new Endpoint("cafcass-referral", "cafcass-referral", false, iro, "wakefield", parse("""
                        {"reason":"No progress.","consultee":%s}""".formatted(consultee))),
                new Endpoint("legal-advice-request", "legal-advice-request", false, iro, "wakefield", parse("""
                        {"reason":"Advice on the care plan."}""")),
                new Endpoint("child-informed", "child-informed", false, iro, "wakefield", parse("""
                        {"informedOn":"%s","how":"In person at the review."}""".formatted(today))),
                new Endpoint("withdraw", "withdraw", false, iro, "wakefield", parse("""
                        {"reason":"Raised in error."}""")),
                new Endpoint("close", "close", false, iro, "wakefield", parse("{}")),
                new Endpoint("stage-overdue", "stage-overdue", true, system, "wakefield", parse("""
                        {"stage":"stage-1","dueDate":"%s"}""".formatted(today.minusDays(1)))),
                new Endpoint("statutory-timescale-breached", "statutory-timescale-breached", true, system, "wakefield",
                        parse("{}")));
    }

    // ---- mutations of a valid body

    /**
     * One change to a body. {@code selector} picks, among the body's fields and elements (nested ones included)
     * plus the names a request may have, the one to change; it is resolved against the body when applied.
     */
    record Mutation(Kind kind, int selector, JsonNode value) {
        enum Kind { REPLACE, REMOVE, ADD, REPLACE_BODY }

        JsonNode applyTo(JsonNode body) {
            JsonNode value = this.value.deepCopy();
            if (kind == Kind.REPLACE_BODY || !body.isContainerNode()) {
                return value;
            }
            List<Slot> slots = new ArrayList<>();
            collect(body, slots);
            if (kind == Kind.ADD && body instanceof ObjectNode object) {
                object.set(FIELD_NAMES.get(Math.floorMod(selector, FIELD_NAMES.size())), value);
                return body;
            }
            if (slots.isEmpty()) {
                return body;
            }
            Slot slot = slots.get(Math.floorMod(selector, slots.size()));
            if (kind == Kind.REMOVE) {
                slot.remove();
            } else {
                slot.set(value);
            }
            return body;
        }

        private static void collect(JsonNode node, List<Slot> slots) {
            if (node instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    slots.add(new Slot(object, name, -1));
                    collect(object.get(name), slots);
                }
            } else if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    slots.add(new Slot(array, null, i));
                    collect(array.get(i), slots);
                }
            }
        }

        private record Slot(JsonNode parent, String name, int index) {
            void set(JsonNode value) {
                if (parent instanceof ObjectNode object) {
                    object.set(name, value);
                } else {
                    ((ArrayNode) parent).set(index, value);
                }
            }

            void remove() {
                if (parent instanceof ObjectNode object) {
                    object.remove(name);
                } else {
                    ((ArrayNode) parent).remove(index);
                }
            }
        }
    }

    /** Every field name of every request, and a few that are none. */
    private static final List<String> FIELD_NAMES = List.of("policyId", "childCaseId", "responsibleTeam", "track",
            "startingStage", "categories", "concern", "desiredOutcome", "assignee", "consultee", "progressRating",
            "iroStaffId", "stage", "response", "plannedActions", "fromStage", "toStage", "reason", "newDueDate",
            "benefitToChild", "heldOn", "attendeeRoles", "outcome", "summary", "agreedActions", "achieved", "nextStep",
            "notes", "informedOn", "how", "dueDate", "staffId", "role", "description", "owner", "dueBy", "disputeId",
            "version", "", "__proto__", "Reason", "reason ");

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation.Kind> kinds = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(Mutation.Kind.REPLACE)),
                Tuple.of(4, Arbitraries.just(Mutation.Kind.REMOVE)), Tuple.of(3, Arbitraries.just(Mutation.Kind.ADD)),
                Tuple.of(1, Arbitraries.just(Mutation.Kind.REPLACE_BODY)));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, 1000), json())
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> ifMatch = Arbitraries.oneOf(
                Arbitraries.integers().between(-2, 12).map(v -> "\"" + v + "\""),
                Arbitraries.integers().between(0, 12).map(v -> "W/\"" + v + "\""),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30),
                Arbitraries.of("*", "\"99999999999999999999\"", "\"\"", "\"2\", \"3\""));
        Arbitrary<String> idempotencyKey = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(250).ofMaxLength(260));
        Arbitrary<Map<String, String>> none = Arbitraries.just(Map.of());
        return Arbitraries.frequencyOf(
                Tuple.of(6, none),
                Tuple.of(2, ifMatch.map(v -> Map.of("If-Match", v))),
                Tuple.of(2, idempotencyKey.map(k -> Map.of("Idempotency-Key", k))),
                Tuple.of(1, Combinators.combine(ifMatch, idempotencyKey)
                        .as((v, k) -> Map.of("If-Match", v, "Idempotency-Key", k))));
    }

    // ---- arbitrary JSON

    @Provide
    Arbitrary<JsonNode> json() {
        return json(3);
    }

    private static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> scalars = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(NODES.nullNode())),
                Tuple.of(1, Arbitraries.of(true, false).map(NODES::booleanNode)),
                Tuple.of(1, Arbitraries.longs().map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.integers().between(-3, 3).map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.doubles().map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30).negate(),
                        java.math.BigInteger.TEN.pow(30)).map(NODES::numberNode)),
                Tuple.of(4, texts().map(NODES::textNode)),
                Tuple.of(3, dates().map(NODES::textNode)),
                Tuple.of(3, names().map(NODES::textNode)),
                Tuple.of(2, identifiers().map(NODES::textNode)));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<JsonNode> arrays = Arbitraries.lazy(() -> json(depth - 1)).list().ofMaxSize(4).map(items -> {
            ArrayNode array = NODES.arrayNode();
            items.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Arbitraries.maps(
                Arbitraries.oneOf(Arbitraries.of(FIELD_NAMES), texts()), Arbitraries.lazy(() -> json(depth - 1)))
                .ofMaxSize(4).map(fields -> {
                    ObjectNode object = NODES.objectNode();
                    fields.forEach(object::set);
                    return object;
                });
        return Arbitraries.frequencyOf(Tuple.of(6, scalars), Tuple.of(1, arrays), Tuple.of(1, objects));
    }

    /** Short text of any characters, blank text, and text longer than any limit. */
    private static Arbitrary<String> texts() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().all().ofMaxLength(20)),
                Tuple.of(2, Arbitraries.strings().whitespace().ofMaxLength(5)),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(190).ofMaxLength(210)),
                Tuple.of(1, Arbitraries.of(2000, 2001, 8000, 8001, 20_000).map("x"::repeat)));
    }

    /** Dates valid and not: far past and future, impossible days, other forms, near today. */
    private static Arbitrary<String> dates() {
        LocalDate today = LocalDate.now(BusinessDate.LONDON);
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-400, 400).map(days -> today.plusDays(days).toString()),
                Arbitraries.longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay())
                        .map(day -> LocalDate.ofEpochDay(day).toString()),
                Arbitraries.of("2026-13-45", "2026-02-30", "2026-00-10", "+999999999-12-31", "-999999999-01-01",
                        "0000-01-01", "1582-10-10", "1899-12-31", "2199-12-31", "2200-01-01", "9999-12-31",
                        "10000-01-01", "2026-1-1", "2026-01-01T10:00:00", "2026-01-01Z", "01/02/2026", "today", ""));
    }

    /** The names the enumerations have, in other cases, and names they do not have. */
    private static Arbitrary<String> names() {
        List<String> names = Stream.of(Track.values(), ConcernCategory.values(), Role.values(), MeetingOutcome.values(),
                        ResolutionOutcome.values(), MonitoringNextStep.values(), ProgressRating.values())
                .flatMap(Stream::of).map(Enum::name).toList();
        return Arbitraries.oneOf(Arbitraries.of(names), Arbitraries.of(names).map(String::toLowerCase),
                Arbitraries.of("FAST", "BOSS", "WEATHER", "0", "1", "null", "true"));
    }

    /** Staff ids, case ids and stage keys, well-formed and not. */
    private static Arbitrary<String> identifiers() {
        return Arbitraries.oneOf(
                Arbitraries.of("stage-1", "stage-2", "stage-3", "stage-9", "informal", "wakefield", "durham",
                        "test-ladder", "nowhere", "iro-17", "irom-3", "sm-5", "CASE-1"),
                Arbitraries.strings().withChars("abcXYZ019-_.:/@ !é").ofMinLength(1).ofMaxLength(70));
    }

    // ---- raw bodies and content types

    @Provide
    Arbitrary<byte[]> rawBodies() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> truncated = Combinators.combine(endpoints(), Arbitraries.doubles().between(0, 1))
                .as((endpoint, fraction) -> {
                    byte[] valid = endpoint.validBody().toString().getBytes(StandardCharsets.UTF_8);
                    return java.util.Arrays.copyOf(valid, (int) (valid.length * fraction));
                });
        Arbitrary<byte[]> corrupted = Combinators.combine(endpoints(), Arbitraries.integers().between(0, 10_000),
                        Arbitraries.bytes())
                .as((endpoint, at, value) -> {
                    byte[] valid = endpoint.validBody().toString().getBytes(StandardCharsets.UTF_8);
                    valid[at % valid.length] = value;
                    return valid;
                });
        Arbitrary<byte[]> text = Arbitraries.strings().all().ofMaxLength(200)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> yaml = Arbitraries.of("reason: x", "--- &a [*a]", "!!java.lang.Object {}", "a: &a\n  b: *a")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(bytes, truncated, corrupted, text, yaml);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json", "application/json;charset=UTF-8",
                "application/json;charset=UTF-16", "application/json;charset=nonsense", "application/problem+json",
                "application/merge-patch+json", "text/plain", "application/yaml", "application/xml", "text/xml",
                "application/cbor", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/octet-stream", ";;;", "json", "");
    }

    // ---- helpers

    private static String token(String subject, Role role) {
        return TestTokens.token(subject, role);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
