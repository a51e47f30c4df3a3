package uk.iro.disputes.command.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * <p>Seeded random input, plain JUnit. Each property draws its tries from a {@link Random} seeded with the run's
 * seed and the property's name, so the same seed gives the same requests in the same order. The seed is the system
 * property {@code iro.fuzz.seed} if given, else random; it is printed at the start and is in every failure's
 * message, with the try and the request. To replay a failure:
 * {@code mvn test -pl dispute-command -Dtest=NoServerErrorPropertyTest -Diro.fuzz.seed=<seed>}. (The disputes are
 * shared by the tries, so a try meets the state the earlier tries of the run left; replay the whole class, not one
 * try.)
 *
 * <p>The service is started here, once for the class, on a random port against the local PostgreSQL. The test-only
 * ladder with a capped extension is loaded too, so extensions to far-off dates reach the working-day arithmetic.
 */
class NoServerErrorPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String IRO_STAFF_ID = "iro-17";
    /** Raises in this run are made by this IRO alone, so a raise refused can be checked to have raised nothing. */
    private static final String RAISER = "iro-prop-" + UUID.randomUUID().toString().substring(0, 8);
    /** Every try of every property derives from this; see the class comment. */
    private static final long SEED = seed();

    private static ConfigurableApplicationContext service;
    private static RawHttp http;
    private static JdbcClient jdbc;
    /** A dispute per policy, replaced once a step has changed it, so most tries meet a dispute at its first stage. */
    private static final Map<String, String> disputes = new HashMap<>();

    @BeforeAll
    static void startTheService() throws URISyntaxException {
        System.out.println("NoServerErrorPropertyTest: seed " + SEED + " (replay with -Diro.fuzz.seed=" + SEED + ")");
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

    @AfterAll
    static void stopTheService() {
        if (service != null) {
            service.close();
        }
    }

    // ---- the properties

    @Test
    void mutatedValidBodiesNeverFailTheServer() {
        forAll("mutatedValidBodiesNeverFailTheServer", 300, random -> {
            Endpoint endpoint = endpoint(random);
            JsonNode body = endpoint.validBody().deepCopy();
            for (Mutation mutation : mutations(random)) {
                body = mutation.applyTo(body);
            }
            return new Request(endpoint, "application/json", body.toString().getBytes(StandardCharsets.UTF_8),
                    headers(random));
        });
    }

    @Test
    void arbitraryJsonNeverFailsTheServer() {
        forAll("arbitraryJsonNeverFailsTheServer", 200, random -> new Request(endpoint(random), "application/json",
                json(random, 3).toString().getBytes(StandardCharsets.UTF_8), Map.of()));
    }

    @Test
    void arbitraryBytesUnderAnyContentTypeNeverFailTheServer() {
        forAll("arbitraryBytesUnderAnyContentTypeNeverFailTheServer", 200, random -> {
            Endpoint endpoint = endpoint(random);
            String contentType = contentType(random);
            return new Request(endpoint, contentType.isEmpty() ? null : contentType, rawBody(random), Map.of());
        });
    }

    /**
     * The test ladder caps extensions at 5 working days, so the dispute counts the working days to the date asked
     * for; for a date in year 999999999 that was a walk over every year, long enough to hold a request thread and
     * exhaust the heap.
     */
    @Test
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

    // ---- running the tries

    /** One request to send: {@code contentType} null sends none. */
    record Request(Endpoint endpoint, String contentType, byte[] body, Map<String, String> headers) {
        @Override
        public String toString() {
            return endpoint.name() + " " + headers + " Content-Type " + contentType + "\n  body: "
                    + abbreviate(new String(body, StandardCharsets.UTF_8));
        }
    }

    private static long seed() {
        String given = System.getProperty("iro.fuzz.seed");
        return given == null || given.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(given.strip());
    }

    /**
     * Sends {@code tries} requests drawn by {@code generator}, stopping at the first that breaks a rule. Every
     * failure, whether an assertion or an exception, names the seed, the try and the request.
     */
    private static void forAll(String property, int tries, Function<Random, Request> generator) {
        Random random = new Random(SEED ^ property.hashCode());
        for (int i = 1; i <= tries; i++) {
            String context = property + ", seed " + SEED + " (-Diro.fuzz.seed=" + SEED + "), try " + i + " of "
                    + tries;
            Request request = generator.apply(random);
            try {
                send(context, request);
            } catch (AssertionError | RuntimeException e) {
                if (e.getMessage() != null && e.getMessage().contains(context)) {
                    throw e;
                }
                throw new AssertionError(context + ": " + request + "\n  " + e, e);
            }
        }
    }

    private static void send(String context, Request request) {
        Endpoint endpoint = request.endpoint();
        String dispute = endpoint.creates() ? null : disputeFor(endpoint.policy());
        long before = recorded(endpoint, dispute);
        Call call = http.send("POST", endpoint.path(dispute), endpoint.token(), request.contentType(), request.body(),
                request.headers());
        long after = recorded(endpoint, dispute);

        String described = context + ": " + request + "\n  answer: " + abbreviate(call.toString());
        assertThat(call.status()).as(described).isBetween(200, 499);
        if (call.status() >= 400) {
            assertThat(after).as("events recorded by a refused request: " + described).isEqualTo(before);
            JsonNode problem;
            try {
                problem = Problems.assertProblem(call, call.status());
            } catch (AssertionError e) {
                throw new AssertionError(described + "\n  " + e.getMessage(), e);
            }
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
        assertThat(raised.status()).as("raising a dispute to send to (seed " + SEED + "): " + raised).isEqualTo(201);
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

    private static final List<Endpoint> ENDPOINTS = endpoints();

    private static List<Endpoint> endpoints() {
        LocalDate today = LocalDate.now(BusinessDate.LONDON);
        String iro = token(IRO_STAFF_ID, Role.IRO);
        String system = token("deadline-scheduler", Role.SYSTEM);
        String consultee = "{\"staffId\":\"irom-3\",\"role\":\"IRO_MANAGER\"}";
        return List.of(
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

    private static Endpoint endpoint(Random random) {
        return pick(random, ENDPOINTS);
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

    /** One to three changes, mostly replacements. */
    private static List<Mutation> mutations(Random random) {
        int count = between(random, 1, 3);
        List<Mutation> mutations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Mutation.Kind kind = switch (weighted(random, 12, 4, 3, 1)) {
                case 0 -> Mutation.Kind.REPLACE;
                case 1 -> Mutation.Kind.REMOVE;
                case 2 -> Mutation.Kind.ADD;
                default -> Mutation.Kind.REPLACE_BODY;
            };
            mutations.add(new Mutation(kind, between(random, 0, 1000), json(random, 3)));
        }
        return mutations;
    }

    /** Mostly none; else an odd If-Match, an odd Idempotency-Key, or both. */
    private static Map<String, String> headers(Random random) {
        return switch (weighted(random, 6, 2, 2, 1)) {
            case 0 -> Map.of();
            case 1 -> Map.of("If-Match", ifMatch(random));
            case 2 -> Map.of("Idempotency-Key", idempotencyKey(random));
            default -> Map.of("If-Match", ifMatch(random), "Idempotency-Key", idempotencyKey(random));
        };
    }

    private static String ifMatch(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "\"" + between(random, -2, 12) + "\"";
            case 1 -> "W/\"" + between(random, 0, 12) + "\"";
            case 2 -> string(random, 0, 30, r -> (char) between(r, ' ', '~'));
            default -> pick(random, List.of("*", "\"99999999999999999999\"", "\"\"", "\"2\", \"3\""));
        };
    }

    private static String idempotencyKey(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> string(random, 1, 40, r -> (char) between(r, '!', '~'));
            case 1 -> string(random, 0, 300, r -> (char) between(r, ' ', '~'));
            default -> string(random, 250, 260, r -> (char) between(r, '!', '~'));
        };
    }

    // ---- arbitrary JSON

    /** Mostly scalars; arrays and objects of up to four members, nested up to {@code depth}. */
    private static JsonNode json(Random random, int depth) {
        if (depth == 0) {
            return scalar(random);
        }
        return switch (weighted(random, 6, 1, 1)) {
            case 0 -> scalar(random);
            case 1 -> {
                ArrayNode array = NODES.arrayNode();
                int size = between(random, 0, 4);
                for (int i = 0; i < size; i++) {
                    array.add(json(random, depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                int size = between(random, 0, 4);
                for (int i = 0; i < size; i++) {
                    String name = random.nextBoolean() ? pick(random, FIELD_NAMES) : text(random);
                    object.set(name, json(random, depth - 1));
                }
                yield object;
            }
        };
    }

    private static JsonNode scalar(Random random) {
        return switch (weighted(random, 1, 1, 1, 1, 1, 1, 4, 3, 3, 2)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(anyLong(random));
            case 3 -> NODES.numberNode(between(random, -3, 3));
            case 4 -> NODES.numberNode(anyDouble(random));
            case 5 -> NODES.numberNode(bigInteger(random));
            case 6 -> NODES.textNode(text(random));
            case 7 -> NODES.textNode(date(random));
            case 8 -> NODES.textNode(name(random));
            default -> NODES.textNode(identifier(random));
        };
    }

    /** Any long: the extremes and small numbers more often than their share. */
    private static long anyLong(Random random) {
        return switch (weighted(random, 1, 2, 3)) {
            case 0 -> pick(random, List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, 1L, -1L, Long.MIN_VALUE + 1,
                    Long.MAX_VALUE - 1));
            case 1 -> random.nextInt(2001) - 1000;
            default -> random.nextLong();
        };
    }

    /** Any finite double (JSON has no NaN or infinity): extremes, cents, and any bits. */
    private static double anyDouble(Random random) {
        return switch (weighted(random, 1, 2, 2)) {
            case 0 -> pick(random, List.of(0.0, -0.0, 1.0, -1.0, 0.01, -0.01, Double.MIN_VALUE, Double.MAX_VALUE,
                    -Double.MAX_VALUE));
            case 1 -> (random.nextLong() >> between(random, 0, 62)) / 100.0;
            default -> {
                double value;
                do {
                    value = Double.longBitsToDouble(random.nextLong());
                } while (!Double.isFinite(value));
                yield value;
            }
        };
    }

    private static final BigInteger TEN_TO_THE_30 = BigInteger.TEN.pow(30);

    /** Between -10^30 and 10^30, the bounds included: well past a long. */
    private static BigInteger bigInteger(Random random) {
        if (random.nextInt(8) == 0) {
            return pick(random, List.of(TEN_TO_THE_30.negate(), TEN_TO_THE_30, BigInteger.ZERO));
        }
        BigInteger magnitude = new BigInteger(between(random, 1, 100), random).mod(TEN_TO_THE_30.add(BigInteger.ONE));
        return random.nextBoolean() ? magnitude : magnitude.negate();
    }

    /** Short text of any characters, blank text, and text longer than any limit. */
    private static String text(Random random) {
        return switch (weighted(random, 6, 2, 1, 1)) {
            case 0 -> string(random, 0, 20, NoServerErrorPropertyTest::anyChar);
            case 1 -> string(random, 0, 5, r -> pick(r, WHITESPACE));
            case 2 -> string(random, 190, 210, r -> (char) between(r, 'a', 'z'));
            default -> "x".repeat(pick(random, List.of(2000, 2001, 8000, 8001, 20_000)));
        };
    }

    /** Dates valid and not: far past and future, impossible days, other forms, near today. */
    private static String date(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> LocalDate.now(BusinessDate.LONDON).plusDays(between(random, -400, 400)).toString();
            case 1 -> {
                long min = LocalDate.MIN.toEpochDay();
                long max = LocalDate.MAX.toEpochDay();
                long day = random.nextInt(8) == 0 ? (random.nextBoolean() ? min : max)
                        : min + Math.floorMod(random.nextLong(), max - min + 1);
                yield LocalDate.ofEpochDay(day).toString();
            }
            default -> pick(random, List.of("2026-13-45", "2026-02-30", "2026-00-10", "+999999999-12-31",
                    "-999999999-01-01", "0000-01-01", "1582-10-10", "1899-12-31", "2199-12-31", "2200-01-01",
                    "9999-12-31", "10000-01-01", "2026-1-1", "2026-01-01T10:00:00", "2026-01-01Z", "01/02/2026",
                    "today", ""));
        };
    }

    private static final List<String> ENUM_NAMES = Stream.of(Track.values(), ConcernCategory.values(), Role.values(),
                    MeetingOutcome.values(), ResolutionOutcome.values(), MonitoringNextStep.values(),
                    ProgressRating.values())
            .flatMap(Stream::of).map(Enum::name).toList();

    /** The names the enumerations have, in other cases, and names they do not have. */
    private static String name(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> pick(random, ENUM_NAMES);
            case 1 -> pick(random, ENUM_NAMES).toLowerCase();
            default -> pick(random, List.of("FAST", "BOSS", "WEATHER", "0", "1", "null", "true"));
        };
    }

    private static final char[] IDENTIFIER_CHARS = "abcXYZ019-_.:/@ !é".toCharArray();

    /** Staff ids, case ids and stage keys, well-formed and not. */
    private static String identifier(Random random) {
        if (random.nextBoolean()) {
            return pick(random, List.of("stage-1", "stage-2", "stage-3", "stage-9", "informal", "wakefield", "durham",
                    "test-ladder", "nowhere", "iro-17", "irom-3", "sm-5", "CASE-1"));
        }
        return string(random, 1, 70, r -> IDENTIFIER_CHARS[r.nextInt(IDENTIFIER_CHARS.length)]);
    }

    // ---- raw bodies and content types

    private static byte[] rawBody(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> {
                byte[] bytes = new byte[length(random, 0, 300)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 1 -> {
                byte[] valid = validBytes(random);
                double fraction = random.nextInt(8) == 0 ? random.nextInt(2) : random.nextDouble();
                yield Arrays.copyOf(valid, (int) (valid.length * fraction));
            }
            case 2 -> {
                byte[] valid = validBytes(random);
                valid[between(random, 0, 10_000) % valid.length] = (byte) random.nextInt(256);
                yield valid;
            }
            case 3 -> string(random, 0, 200, NoServerErrorPropertyTest::anyChar).getBytes(StandardCharsets.UTF_8);
            default -> pick(random, List.of("reason: x", "--- &a [*a]", "!!java.lang.Object {}", "a: &a\n  b: *a"))
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] validBytes(Random random) {
        return endpoint(random).validBody().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Types JSON and not, malformed, and (the empty one) none at all. */
    private static String contentType(Random random) {
        return pick(random, List.of("application/json", "application/json", "application/json;charset=UTF-8",
                "application/json;charset=UTF-16", "application/json;charset=nonsense", "application/problem+json",
                "application/merge-patch+json", "text/plain", "application/yaml", "application/xml", "text/xml",
                "application/cbor", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/octet-stream", ";;;", "json", ""));
    }

    // ---- drawing values

    private static final List<Character> WHITESPACE = IntStream.rangeClosed(Character.MIN_VALUE, Character.MAX_VALUE)
            .filter(Character::isWhitespace).mapToObj(c -> (char) c).toList();

    /** From min to max, both included. */
    private static int between(Random random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** A length from min to max, the shortest and the longest more often than their share. */
    private static int length(Random random, int min, int max) {
        return switch (random.nextInt(10)) {
            case 0 -> min;
            case 1 -> max;
            default -> between(random, min, max);
        };
    }

    private static String string(Random random, int minLength, int maxLength, Function<Random, Character> chars) {
        int length = length(random, minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(chars.apply(random).charValue());
        }
        return text.toString();
    }

    /** Any UTF-16 unit, lone surrogates included; ASCII, controls included, more often than its share. */
    private static char anyChar(Random random) {
        return switch (weighted(random, 1, 3, 4)) {
            case 0 -> pick(random, List.of('\u0000', ' ', '"', '\\', '\n', '\uD800', '\uDFFF', '\uFFFE', '\uFFFF'));
            case 1 -> (char) random.nextInt(128);
            default -> (char) random.nextInt(Character.MAX_VALUE + 1);
        };
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The index of one of the weights, drawn in proportion to it. */
    private static int weighted(Random random, int... weights) {
        int draw = random.nextInt(IntStream.of(weights).sum());
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        throw new IllegalStateException();
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
