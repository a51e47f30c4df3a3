package uk.iro.disputes.query.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.query.support.Api;
import uk.iro.disputes.query.support.QueryServiceTest;
import uk.iro.disputes.query.support.TestTokens;

/** Policies and the calendar, without a token; dates worked out by hand across Easter and Christmas. */
class ReferenceDataTest extends QueryServiceTest {

    @Test
    void listsEveryPolicyWithItsSourceAndWarningsWithoutAToken() {
        Api.Call call = api.get("/api/v1/policies", null);

        assertThat(call.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        call.json().forEach(p -> ids.add(p.get("id").asText()));
        assertThat(ids).contains("birmingham", "durham", "group-manager-ladder", "warwickshire", "wakefield");
        JsonNode durham = find(call.json(), "durham");
        assertThat(durham.get("version").asInt()).isEqualTo(1);
        assertThat(durham.get("source").asText()).isEqualTo("004_122586ab6c074086.txt");
        assertThat(durham.get("title").asText()).isNotBlank();
        assertThat(durham.get("warnings").toString()).contains("22");
    }

    @Test
    void showsOnePolicyInFull() {
        Api.Call call = api.get("/api/v1/policies/birmingham", null);

        assertThat(call.status()).isEqualTo(200);
        JsonNode policy = call.json();
        assertThat(policy.get("id").asText()).isEqualTo("birmingham");
        assertThat(policy.get("versions").toString()).isEqualTo("[1]");
        assertThat(policy.get("stages")).hasSize(4);
        assertThat(policy.at("/stages/0/key").asText()).isEqualTo("stage-1");
        assertThat(policy.at("/stages/0/timescale/workingDays").asInt()).isEqualTo(10);
        assertThat(policy.at("/stages/3/timescale/basis").asText()).isEqualTo("WORKING_DAY_OF_FORMAL_PROCESS");
        assertThat(policy.at("/stages/3/timescale/workingDays").asInt()).isEqualTo(20);
        assertThat(policy.at("/informal/stage/key").asText()).isEqualTo("informal");
        assertThat(policy.at("/declaredTotal/workingDays").asInt()).isEqualTo(20);
        assertThat(policy.at("/cafcass/atLastStage").asText()).isEqualTo("CLOSES_ESCALATION");
        assertThat(policy.get("appliesTo").toString()).isEqualTo("[\"LOOKED_AFTER\"]");
        assertThat(api.get("/api/v1/policies/durham", null).json().get("appliesTo").toString())
                .isEqualTo("[\"LOOKED_AFTER\",\"CHILD_PROTECTION\"]");
    }

    @Test
    void anUnknownPolicyIsANotFoundProblem() {
        Api.Call call = api.get("/api/v1/policies/atlantis", null);

        assertThat(call.status()).isEqualTo(404);
        assertThat(call.header("content-type")).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/policies/atlantis/schedule?startDate=2026-03-02", null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/policies/birmingham?version=9", null).status()).isEqualTo(404);
    }

    @Test
    void schedulesTheFormalLadderEachStageEscalatedOnItsDueDateAcrossEaster() {
        // Birmingham from Friday 27 March 2026: Good Friday 3 April and Easter Monday 6 April are not working days.
        Api.Call call = api.get("/api/v1/policies/birmingham/schedule?startDate=2026-03-27", null);

        assertThat(call.status()).isEqualTo(200);
        JsonNode body = call.json();
        assertThat(body.get("policyId").asText()).isEqualTo("birmingham");
        assertThat(body.get("startDate").asText()).isEqualTo("2026-03-27");
        assertThat(dueDates(body)).containsExactly(
                "stage-1 TEAM_MANAGER 2026-04-14",      // 10 working days from 27 March
                "stage-2 SENIOR_MANAGER 2026-04-17",    // 3 from 14 April
                "stage-3 SENIOR_MANAGER 2026-04-22",    // 3 from 17 April
                "stage-4 SENIOR_MANAGER 2026-04-28");   // the 20th working day of the formal process
        assertThat(body.at("/stages/0/title").asText()).isEqualTo("Stage one: Team Manager");
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("policyId", "startDate", "stages");
    }

    @Test
    void schedulesFromALaterStage() {
        Api.Call call = api.get("/api/v1/policies/birmingham/schedule?startDate=2026-03-27&fromStage=stage-3", null);

        assertThat(call.status()).isEqualTo(200);
        assertThat(dueDates(call.json())).containsExactly(
                "stage-3 SENIOR_MANAGER 2026-04-01",
                "stage-4 SENIOR_MANAGER 2026-04-28");
    }

    @Test
    void addsAndCountsWorkingDaysAcrossChristmas() {
        Api.Call add = api.get("/api/v1/calendar/working-days?from=2025-12-24&add=2", null);
        assertThat(add.status()).isEqualTo(200);
        assertThat(add.json().toString()).isEqualTo("{\"from\":\"2025-12-24\",\"add\":2,\"date\":\"2025-12-30\"}");

        Api.Call count = api.get("/api/v1/calendar/working-days?from=2025-12-19&to=2026-01-05", null);
        assertThat(count.status()).isEqualTo(200);
        assertThat(count.json().toString())
                .isEqualTo("{\"from\":\"2025-12-19\",\"to\":\"2026-01-05\",\"workingDays\":8}");

        assertThat(api.get("/api/v1/calendar/working-days?from=2026-01-05&to=2025-12-19", null).json()
                .get("workingDays").asInt()).isEqualTo(-8);
        assertThat(api.get("/api/v1/calendar/working-days?from=2025-12-24&add=0", null).json()
                .get("date").asText()).isEqualTo("2025-12-24");
    }

    @Test
    void aTokenIsNotNeededButDoesNoHarm() {
        String token = TestTokens.token("reporter-1", Role.REPORTING);
        assertThat(api.get("/api/v1/policies", token).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/calendar/working-days?from=2025-12-24&add=2", token).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/policies/birmingham/schedule | startDate",
            "/api/v1/policies/birmingham/schedule?startDate=2026-13-01 | startDate",
            "/api/v1/policies/birmingham/schedule?startDate=yesterday | startDate",
            "/api/v1/policies/birmingham/schedule?startDate=1066-10-14 | startDate",
            "/api/v1/policies/birmingham/schedule?startDate=2026-03-02&fromStage=informal | fromStage",
            "/api/v1/policies/birmingham/schedule?startDate=2026-03-02&fromStage=stage-9 | fromStage",
            "/api/v1/policies/birmingham/schedule?startDate=2026-03-02&fromStage=Stage%20One | fromStage",
            "/api/v1/policies/birmingham?version=0 | version",
            "/api/v1/policies/birmingham?version=one | version",
            "/api/v1/calendar/working-days | from",
            "/api/v1/calendar/working-days?add=3 | from",
            "/api/v1/calendar/working-days?from=2026-02-30&add=3 | from",
            "/api/v1/calendar/working-days?from=2026-03-02 | add",
            "/api/v1/calendar/working-days?from=2026-03-02&add=-1 | add",
            "/api/v1/calendar/working-days?from=2026-03-02&add=three | add",
            "/api/v1/calendar/working-days?from=2026-03-02&add=99999999 | add",
            "/api/v1/calendar/working-days?from=2026-03-02&to=someday | to",
            "/api/v1/calendar/working-days?from=2026-03-02&add=2&to=2026-03-09 | to",
    })
    void badParametersAreProblemsNamingTheParameter(String path, String field) {
        Api.Call call = api.get(path, null);

        assertThat(call.status()).as(call.toString()).isEqualTo(400);
        assertThat(call.header("content-type")).startsWith("application/problem+json");
        assertThat(call.json().get("type").asText()).isEqualTo("urn:iro-disputes:problem:invalid-request");
        assertThat(call.firstBadField()).isEqualTo(field);
    }

    private static List<String> dueDates(JsonNode schedule) {
        List<String> rows = new ArrayList<>();
        schedule.get("stages").forEach(s -> rows.add(s.get("stage").asText() + " " + s.get("assigneeRole").asText()
                + " " + s.get("dueDate").asText()));
        return rows;
    }

    private static JsonNode find(JsonNode policies, String id) {
        for (JsonNode p : policies) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no policy " + id);
    }
}
