package uk.iro.disputes.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import uk.iro.disputes.command.api.Api.Call;
import uk.iro.disputes.command.api.CommandServiceTest;
import uk.iro.disputes.command.api.Requests;
import uk.iro.disputes.command.api.TestTokens;
import uk.iro.disputes.kernel.dispute.Role;

/**
 * Who may call what, against the running service: every command endpoint by every role, another IRO, a token
 * with no known role and every kind of bad token. Each cell raises a dispute of its own and counts its events
 * before and after, so a refused call is proven to have recorded nothing.
 */
class AuthorisationMatrixTest extends CommandServiceTest {

    /** The test ladder is the one policy whose extensions both the IRO and an IRO manager may agree. */
    @DynamicPropertySource
    static void loadTheTestLadder(DynamicPropertyRegistry registry) {
        registry.add("iro.policies.locations", AuthorisationMatrixTest::testLadder);
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    static Stream<Arguments> everyStepByEveryCaller() {
        return Arrays.stream(Step.values())
                .flatMap(step -> Arrays.stream(Actor.values()).map(actor -> Arguments.of(step, actor)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("everyStepByEveryCaller")
    void eachStepIsTakenOnlyByThoseTheIssueNames(Step step, Actor actor) {
        Scenarios scenarios = new Scenarios(api, jdbc);
        Step.Prepared prepared = step.prepare(scenarios);
        long before = prepared.events().getAsLong();

        Call call = api.post(step.pathFor(prepared), actor.token(), prepared.body());

        long appended = prepared.events().getAsLong() - before;
        Step.Expected expected = step.expectedFor(actor);
        String cell = step + " by " + actor + ": " + call;
        if (expected.allowed()) {
            assertThat(call.status()).as(cell).isEqualTo(expected.status());
            assertThat(call.header("Content-Type")).as(cell).startsWith("application/json");
            // A batch answers per deadline; a single endpoint at the top level.
            long answered = call.json().has("results")
                    ? call.json().get("results").findValues("eventsAppended").stream().mapToLong(n -> n.asLong()).sum()
                    : call.json().get("eventsAppended").asLong();
            assertThat(answered).as(cell).isEqualTo(appended);
            if (call.json().has("results")) {
                assertThat(call.json().get("results").findValues("status")).as(cell)
                        .allSatisfy(status -> assertThat(status.asInt()).isEqualTo(200));
            }
            if (step.appendsWhenAllowed()) {
                assertThat(appended).as("events appended, " + cell).isPositive();
            } else {
                assertThat(appended).as("events appended, " + cell).isZero();
            }
        } else {
            assertRefused(cell, call, expected.status(), expected.problemType());
            assertThat(appended).as("events appended by a refused call, " + cell).isZero();
        }
    }

    @Test
    void anIroManagerRaisesOnlyByNamingTheIroWhoThenOwnsTheDispute() {
        String manager = Actor.IRO_MANAGER.token();
        Scenarios scenarios = new Scenarios(api, jdbc);

        String unnamedCase = Scenarios.newCaseId();
        Call unnamed = api.post("/api/v1/disputes", manager,
                Scenarios.raiseBody("wakefield", unnamedCase, "FORMAL",
                        "\"consultee\":{\"staffId\":\"irom-3\",\"role\":\"IRO_MANAGER\"}"));
        assertRefused(unnamed, 403, Step.RULE_TYPE + "raiser-not-iro");
        assertThat(scenarios.eventsOfDisputesForCase(unnamedCase)).isZero();

        Call named = api.post("/api/v1/disputes", manager, Scenarios.raiseNamingTheOwnIro(Scenarios.newCaseId()));
        assertThat(named.status()).as(named.toString()).isEqualTo(201);
        String id = named.disputeId();
        assertThat(scenarios.owningIroOf(id)).isEqualTo(Actor.OWN_IRO.staffId());

        // The named IRO owns it; another IRO does not.
        String escalation = "{\"fromStage\":\"stage-1\",\"reason\":\"No response.\"}";
        Call byAnother = api.post("/api/v1/disputes/" + id + "/escalate", Actor.ANOTHER_IRO.token(), escalation);
        assertRefused(byAnother, 403, Step.RULE_TYPE + "not-the-disputes-iro");
        Call byOwner = api.post("/api/v1/disputes/" + id + "/escalate", Actor.OWN_IRO.token(), escalation);
        assertThat(byOwner.status()).as(byOwner.toString()).isEqualTo(200);
    }

    @Test
    void anIroRaisesOnlyForThemselves() {
        Scenarios scenarios = new Scenarios(api, jdbc);
        String caseId = Scenarios.newCaseId();
        // The body names the owning IRO; the caller is a different IRO.
        Call call = api.post("/api/v1/disputes", Actor.ANOTHER_IRO.token(), Scenarios.raiseNamingTheOwnIro(caseId));
        assertRefused(call, 403, Step.RULE_TYPE + "raiser-not-iro");
        assertThat(scenarios.eventsOfDisputesForCase(caseId)).isZero();
    }

    /**
     * The policy has the last word on extensions: Durham lets the IRO agree them, not an IRO manager. The manager
     * passes the API's and the dispute's own-IRO checks and is refused by the policy's rule about who agrees.
     */
    @Test
    void aPolicyMayNarrowWhoAgreesAnExtension() {
        Scenarios scenarios = new Scenarios(api, jdbc);
        String id = scenarios.durhamFormal();
        String body = """
                {"stage":"stage-2","newDueDate":"%s","benefitToChild":"Time for the parenting assessment."}"""
                .formatted(scenarios.dueDateOfCurrentStage(id).plusDays(1));
        long before = scenarios.eventsOf(id);

        Call byManager = api.post("/api/v1/disputes/" + id + "/extend", Actor.IRO_MANAGER.token(), body);
        assertRefused(byManager, 403, Step.RULE_TYPE + "extension-not-agreed-by-role");
        assertThat(scenarios.eventsOf(id)).isEqualTo(before);

        Call byIro = api.post("/api/v1/disputes/" + id + "/extend", Actor.OWN_IRO.token(), body);
        assertThat(byIro.status()).as(byIro.toString()).isEqualTo(200);
        assertThat(scenarios.eventsOf(id)).isEqualTo(before + 1);
    }

    /** A token holding several roles acts in the one the step admits; holding an extra role adds no power. */
    @Test
    void aCallerWithSeveralRolesIsJudgedByTheRoleTheStepAdmits() {
        Scenarios scenarios = new Scenarios(api, jdbc);
        String id = scenarios.wakefieldAtStageOne();
        String auditorAndSeniorManager = TestTokens.token("sm-32", Role.AUDITOR, Role.SENIOR_MANAGER);
        Call resolveAttempt = api.post("/api/v1/disputes/" + id + "/resolve", auditorAndSeniorManager,
                Requests.resolve());
        assertRefused(resolveAttempt, 403, Step.PROBLEM_TYPE + "forbidden");

        Call response = api.post("/api/v1/disputes/" + id + "/respond", auditorAndSeniorManager,
                Requests.respond("stage-1"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    /** The matrix is only a proof while it names every endpoint the service maps. */
    @Test
    void theMatrixCoversEveryCommandEndpoint() {
        Set<String> mapped = mappings.getHandlerMethods().keySet().stream()
                .filter(info -> info.getMethodsCondition().getMethods().contains(RequestMethod.POST))
                .flatMap(info -> info.getPatternValues().stream())
                .filter(pattern -> pattern.startsWith("/api/") || pattern.startsWith("/internal/"))
                .map(pattern -> pattern.replaceAll("\\{[^}]+}", "{id}"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = Arrays.stream(Step.values()).map(Step::pathPattern)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> anyMethod = mappings.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternValues().stream())
                .filter(pattern -> pattern.startsWith("/api/") || pattern.startsWith("/internal/"))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(mapped).hasSize(20);
        assertThat(covered).isEqualTo(mapped);
        assertThat(anyMethod).as("only POST endpoints, all in the matrix").hasSize(mapped.size());
    }

    /** ... and every role a token can carry, each held alone by some caller of the matrix. */
    @Test
    void theMatrixCallsAsEveryRole() {
        Set<Role> heldAlone = Arrays.stream(Actor.values()).filter(Actor::authenticates)
                .map(Actor::roles).filter(roles -> roles.size() == 1).flatMap(Set::stream)
                .collect(Collectors.toSet());
        assertThat(heldAlone).containsExactlyInAnyOrder(Role.values());
    }

    private static void assertRefused(Call call, int status, String problemType) {
        assertRefused(call.toString(), call, status, problemType);
    }

    /** The status, a problem document (UTF-8 JSON, as RFC 8259 requires) of the right type, and nothing else. */
    private static void assertRefused(String cell, Call call, int status, String problemType) {
        assertThat(call.status()).as(cell).isEqualTo(status);
        MediaType type = MediaType.parseMediaType(call.header("Content-Type"));
        assertThat(type.equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON)).as(cell).isTrue();
        assertThat(type.getCharset()).as("declared charset, " + cell).isIn(null, StandardCharsets.UTF_8);
        assertThat(call.json().get("status").asInt()).as(cell).isEqualTo(status);
        assertThat(call.json().get("type").asText()).as(cell).isEqualTo(problemType);
        if (status == 401) {
            assertThat(call.header("WWW-Authenticate")).as(cell).startsWith("Bearer");
        }
    }

    private static String testLadder() {
        try {
            return Path.of(AuthorisationMatrixTest.class.getResource("/policies/test-ladder.yaml").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
