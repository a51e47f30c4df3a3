package uk.iro.disputes.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.query.support.Api;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;
import uk.iro.disputes.query.support.TestTokens;

/**
 * The dispute endpoints over five disputes of one team (a team name of their own, so other tests' disputes never
 * match), on Tuesday 10 March 2026:
 * <pre>
 *   f  durham      informal, raised 2 Feb, due 3 Feb: overdue                        IRO a
 *   a  wakefield   informal, raised 2 Mar, due 23 Mar (TEAM_MANAGER)                 IRO a   HEALTH
 *   b  birmingham  stage-1, raised 3 Mar, due 17 Mar (TEAM_MANAGER)                  IRO b   EDUCATION
 *   c  birmingham  stage-1, raised 4 Mar, answered by a team manager                 IRO a   HEALTH
 *   e  wakefield   raised 5 Mar, withdrawn                                           IRO b   HEALTH
 * </pre>
 */
class DisputeApiTest extends QueryServiceTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    String team;
    StaffReference iroA;
    StaffReference iroB;
    StaffReference tm;
    Ladder a;
    Ladder b;
    Ladder c;
    Ladder e;
    Ladder f;

    @BeforeEach
    void fiveDisputes() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        team = "Team " + run;
        iroA = StaffReference.of("iro-a-" + run, Role.IRO);
        iroB = StaffReference.of("iro-b-" + run, Role.IRO);
        tm = StaffReference.of("tm-" + run, Role.TEAM_MANAGER);
        f = ladder("durham").team(team).iro(iroA).on(LocalDate.of(2026, 2, 2)).raise(Track.INFORMAL);
        a = ladder("wakefield").team(team).iro(iroA).on(LocalDate.of(2026, 3, 2)).raise(Track.INFORMAL);
        b = ladder("birmingham").team(team).iro(iroB).categories(ConcernCategory.EDUCATION)
                .on(LocalDate.of(2026, 3, 3)).raise(Track.FORMAL);
        c = ladder("birmingham").team(team).iro(iroA).on(LocalDate.of(2026, 3, 4)).raise(Track.FORMAL)
                .respond(tm, "Funding agreed.", new PlannedAction("Confirm the placement", tm, LocalDate.of(2026, 3, 20)));
        e = ladder("wakefield").team(team).iro(iroB).on(LocalDate.of(2026, 3, 5)).raise(Track.INFORMAL).withdraw();
        for (Ladder l : List.of(a, b, c, e, f)) {
            awaitProjected(l);
        }
        clock.set(NOW);
    }

    @Test
    void listsTheTeamsDisputesNewestFirstWithoutFreeText() {
        Api.Call call = api.get("/api/v1/disputes?team=" + enc(team), auditor());

        assertThat(call.status()).isEqualTo(200);
        assertThat(ids(call)).containsExactly(e.idValue(), c.idValue(), b.idValue(), a.idValue(), f.idValue());
        assertThat(call.json().get("totalItems").asLong()).isEqualTo(5);
        JsonNode bRow = item(call, b);
        assertThat(bRow.get("status").asText()).isEqualTo("OPEN");
        assertThat(bRow.get("policyId").asText()).isEqualTo("birmingham");
        assertThat(bRow.at("/currentStage/key").asText()).isEqualTo("stage-1");
        assertThat(bRow.at("/currentStage/assigneeRole").asText()).isEqualTo("TEAM_MANAGER");
        assertThat(bRow.at("/currentStage/dueDate").asText()).isEqualTo("2026-03-17");
        assertThat(bRow.get("overdue").asBoolean()).isFalse();
        assertThat(item(call, f).get("overdue").asBoolean()).isTrue();
        assertThat(item(call, e).get("currentStage").isNull()).isTrue();
        assertThat(call.body()).doesNotContain("care plan's health assessment").doesNotContain("Funding agreed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "status=WITHDRAWN | e",
            "status=OPEN | c,b,a,f",
            "stage=stage-1 | c,b",
            "iro=A | c,a,f",
            "assigneeRole=TEAM_MANAGER | c,b,a",
            "assigneeRole=SOCIAL_WORKER | f",
            "category=EDUCATION | b",
            "overdue=true | f",
            "overdue=false | e,c,b,a",
            "raisedFrom=2026-03-03&raisedTo=2026-03-04 | c,b",
            "raisedFrom=2026-03-05 | e",
            "raisedTo=2026-02-28 | f",
            "status=OPEN&category=HEALTH&iro=A | c,a,f",
            "sort=raisedOn,asc | f,a,b,c,e",
            "sort=dueDate&status=OPEN | f,b,c,a",
    })
    void filtersAndSorts(String query, String expected) {
        String q = query.replace("iro=A", "iro=" + iroA.staffId());
        Api.Call call = api.get("/api/v1/disputes?team=" + enc(team) + "&" + q, auditor());

        assertThat(call.status()).as(call.toString()).isEqualTo(200);
        assertThat(ids(call)).containsExactlyElementsOf(letters(expected));
    }

    @Test
    void filtersByChildCaseId() {
        Api.Call call = api.get("/api/v1/disputes?childCaseId=" + b.childCase(), auditor());

        assertThat(ids(call)).containsExactly(b.idValue());
    }

    @Test
    void pages() {
        Api.Call page1 = api.get("/api/v1/disputes?team=" + enc(team) + "&sort=raisedOn,asc&size=2&page=1", auditor());

        assertThat(ids(page1)).containsExactly(b.idValue(), c.idValue());
        assertThat(page1.json().get("page").asInt()).isEqualTo(1);
        assertThat(page1.json().get("size").asInt()).isEqualTo(2);
        assertThat(page1.json().get("totalItems").asInt()).isEqualTo(5);
        assertThat(page1.json().get("totalPages").asInt()).isEqualTo(3);
        assertThat(ids(api.get("/api/v1/disputes?team=" + enc(team) + "&sort=raisedOn,asc&size=2&page=2", auditor())))
                .containsExactly(e.idValue());
        assertThat(ids(api.get("/api/v1/disputes?team=" + enc(team) + "&size=2&page=3", auditor()))).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "status=DONE | status",
            "assigneeRole=CHIEF | assigneeRole",
            "category=WEATHER | category",
            "overdue=maybe | overdue",
            "raisedFrom=03-03-2026 | raisedFrom",
            "raisedFrom=2026-03-05&raisedTo=2026-03-01 | raisedTo",
            "page=-1 | page",
            "size=0 | size",
            "size=1000 | size",
            "sort=concern | sort",
            "sort=raisedOn,sideways | sort",
    })
    void badFiltersAreProblemsNamingTheParameter(String query, String field) {
        Api.Call call = api.get("/api/v1/disputes?" + query, auditor());

        assertThat(call.status()).as(call.toString()).isEqualTo(400);
        assertThat(call.header("content-type")).startsWith("application/problem+json");
        assertThat(call.firstBadField()).isEqualTo(field);
    }

    @Test
    void oneDisputeInFullWithWorkingDaysLeft() {
        Api.Call call = api.get("/api/v1/disputes/" + c.idValue(), auditor());

        assertThat(call.status()).isEqualTo(200);
        JsonNode d = call.json();
        assertThat(d.get("disputeId").asText()).isEqualTo(c.idValue());
        assertThat(d.get("version").asLong()).isEqualTo(c.version());
        assertThat(d.get("today").asText()).isEqualTo("2026-03-10");
        assertThat(d.at("/policy/id").asText()).isEqualTo("birmingham");
        assertThat(d.at("/policy/version").asInt()).isEqualTo(1);
        assertThat(d.at("/policy/title").asText()).contains("Birmingham");
        assertThat(d.get("concern").asText()).isEqualTo("The care plan's health assessment is overdue.");
        assertThat(d.at("/currentStage/key").asText()).isEqualTo("stage-1");
        assertThat(d.at("/currentStage/dueDate").asText()).isEqualTo("2026-03-18");
        assertThat(d.at("/currentStage/answered").asBoolean()).isTrue();
        assertThat(d.at("/currentStage/workingDaysLeft").isNull()).isTrue();
        assertThat(d.at("/ladder/0/response").asText()).isEqualTo("Funding agreed.");
        assertThat(d.at("/ladder/0/respondent/staffId").asText()).isEqualTo(tm.staffId());
        assertThat(d.at("/ladder/0/plannedActions/0/description").asText()).isEqualTo("Confirm the placement");
        assertThat(d.at("/formalProcess/startedOn").asText()).isEqualTo("2026-03-04");
        assertThat(d.at("/formalProcess/statutoryDueDate").asText()).isEqualTo("2026-04-01");
        assertThat(d.get("cafcassReferred").asBoolean()).isFalse();
        assertThat(d.get("legalAdviceRequested").asBoolean()).isFalse();

        JsonNode open = api.get("/api/v1/disputes/" + b.idValue(), auditor()).json();
        assertThat(open.at("/currentStage/dueDate").asText()).isEqualTo("2026-03-17");
        assertThat(open.at("/currentStage/workingDaysLeft").asInt()).isEqualTo(5);
        assertThat(open.at("/currentStage/overdue").asBoolean()).isFalse();

        JsonNode late = api.get("/api/v1/disputes/" + f.idValue(), auditor()).json();
        assertThat(late.at("/currentStage/dueDate").asText()).isEqualTo("2026-02-03");
        assertThat(late.at("/currentStage/overdue").asBoolean()).isTrue();
        assertThat(late.at("/currentStage/overdueByWorkingDays").asInt()).isEqualTo(25);
        assertThat(late.get("overdue").asBoolean()).isTrue();
    }

    @Test
    void anUnknownDisputeIsNotFound() {
        Api.Call call = api.get("/api/v1/disputes/" + UUID.randomUUID(), auditor());

        assertThat(call.status()).isEqualTo(404);
        assertThat(call.header("content-type")).startsWith("application/problem+json");
    }

    @Test
    void anIroSeesTheDisputesTheyTakePartIn() {
        String token = TestTokens.token(iroA.staffId(), Role.IRO);

        assertThat(ids(api.get("/api/v1/disputes?team=" + enc(team), token)))
                .containsExactly(c.idValue(), a.idValue(), f.idValue());
        assertThat(api.get("/api/v1/disputes/" + c.idValue(), token).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/disputes/" + b.idValue(), token).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/disputes/" + b.idValue(), TestTokens.token(iroB.staffId(), Role.IRO)).status())
                .isEqualTo(200);
    }

    @Test
    void socialCareRolesSeeWhatTheyAnsweredAndWhatWaitsOnTheirRoleInTheirTeam() {
        String sameTeam = TestTokens.tokenInTeam("tm-other", team, Role.TEAM_MANAGER);
        String otherTeam = TestTokens.tokenInTeam("tm-other", "Another team", Role.TEAM_MANAGER);
        String respondent = TestTokens.tokenInTeam(tm.staffId(), "Another team", Role.TEAM_MANAGER);

        assertThat(ids(api.get("/api/v1/disputes?team=" + enc(team), sameTeam)))
                .containsExactly(c.idValue(), b.idValue(), a.idValue());
        assertThat(ids(api.get("/api/v1/disputes?team=" + enc(team), otherTeam))).isEmpty();
        assertThat(api.get("/api/v1/disputes/" + b.idValue(), otherTeam).status()).isEqualTo(404);
        assertThat(ids(api.get("/api/v1/disputes?team=" + enc(team), respondent))).containsExactly(c.idValue());
    }

    @Test
    void managersAndAuditorsSeeEverything() {
        for (String token : List.of(auditor(), TestTokens.token("iro-manager-1", Role.IRO_MANAGER))) {
            assertThat(ids(api.get("/api/v1/disputes?team=" + enc(team), token))).hasSize(5);
            assertThat(api.get("/api/v1/disputes/" + b.idValue(), token).status()).isEqualTo(200);
        }
    }

    @Test
    void reportingAdminAndSystemMayNotReadDisputesAndStrangersAreUnauthenticated() {
        for (Role role : List.of(Role.REPORTING, Role.ADMIN, Role.SYSTEM)) {
            String token = TestTokens.token("someone", role);
            Api.Call list = api.get("/api/v1/disputes", token);
            assertThat(list.status()).as(role.name()).isEqualTo(403);
            assertThat(list.header("content-type")).startsWith("application/problem+json");
            assertThat(api.get("/api/v1/disputes/" + b.idValue(), token).status()).isEqualTo(403);
            assertThat(api.get("/api/v1/disputes/awaiting-me", token).status()).isEqualTo(403);
        }
        assertThat(api.get("/api/v1/disputes", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/disputes/" + b.idValue(), TestTokens.expired(iroB.staffId(), Role.IRO)).status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/disputes/" + b.idValue(), TestTokens.wrongSignature("x", Role.AUDITOR)).status())
                .isEqualTo(401);
    }

    @Test
    void awaitingMeListsWhatWaitsOnTheCallersRoleInTheirTeamSoonestFirst() {
        Api.Call call = api.get("/api/v1/disputes/awaiting-me", TestTokens.tokenInTeam("tm-x", team, Role.TEAM_MANAGER));

        assertThat(call.status()).isEqualTo(200);
        assertThat(ids(call)).containsExactly(b.idValue(), a.idValue());
    }

    @Test
    void awaitingMeListsAnIrosAnsweredStages() {
        assertThat(ids(api.get("/api/v1/disputes/awaiting-me", TestTokens.token(iroA.staffId(), Role.IRO))))
                .containsExactly(c.idValue());
        assertThat(ids(api.get("/api/v1/disputes/awaiting-me", TestTokens.token(iroB.staffId(), Role.IRO)))).isEmpty();
    }

    @Test
    void awaitingMeListsAStageAssignedByName() {
        StaffReference named = StaffReference.of("sm-" + UUID.randomUUID().toString().substring(0, 8),
                Role.SENIOR_MANAGER);
        Ladder g = ladder("birmingham").team(team).on(LocalDate.of(2026, 3, 2)).raise(Track.FORMAL)
                .escalate(iroA, null, named);
        awaitProjected(g);

        // In a team of their own, so only the stage named for them (and nothing else at a SENIOR_MANAGER stage) waits.
        assertThat(ids(api.get("/api/v1/disputes/awaiting-me",
                TestTokens.tokenInTeam(named.staffId(), "Team of one", Role.SENIOR_MANAGER))))
                .containsExactly(g.idValue());
    }

    private static String auditor() {
        return TestTokens.token("auditor-1", Role.AUDITOR);
    }

    private List<String> letters(String expected) {
        List<String> ids = new ArrayList<>();
        for (String letter : expected.split(",")) {
            ids.add(switch (letter.trim()) {
                case "a" -> a.idValue();
                case "b" -> b.idValue();
                case "c" -> c.idValue();
                case "e" -> e.idValue();
                case "f" -> f.idValue();
                default -> throw new IllegalArgumentException(letter);
            });
        }
        return ids;
    }

    static List<String> ids(Api.Call call) {
        assertThat(call.status()).as(call.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        call.json().get("items").forEach(i -> ids.add(i.get("disputeId").asText()));
        return ids;
    }

    private static JsonNode item(Api.Call call, Ladder l) {
        for (JsonNode i : call.json().get("items")) {
            if (i.get("disputeId").asText().equals(l.idValue())) {
                return i;
            }
        }
        throw new AssertionError("no " + l.idValue());
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
