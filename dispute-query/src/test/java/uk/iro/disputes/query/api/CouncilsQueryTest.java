package uk.iro.disputes.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.policy.StageKey;
import uk.iro.disputes.query.support.Api;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;
import uk.iro.disputes.query.support.TestTokens;

/** The acknowledgement audit and child-protection disputes on the read side, against PostgreSQL. */
class CouncilsQueryTest extends QueryServiceTest {
    static final StaffReference SM = StaffReference.of("sm-41", Role.SENIOR_MANAGER);
    static final String MANAGER = TestTokens.token("irom-41", Role.IRO_MANAGER);

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("disputeId").asText()));
        return ids;
    }

    @Test
    void theUnacknowledgedListHoldsOpenStagesNeitherAcknowledgedNorAnswered() {
        String team = "Team " + UUID.randomUUID().toString().substring(0, 8);
        Ladder waiting = ladder("wakefield").team(team).on(LocalDate.of(2026, 3, 2)).raise(Track.FORMAL);
        Ladder acknowledged = ladder("wakefield").team(team).on(LocalDate.of(2026, 3, 2)).raise(Track.FORMAL)
                .on(LocalDate.of(2026, 3, 4)).acknowledge(SM);
        Ladder answered = ladder("wakefield").team(team).on(LocalDate.of(2026, 3, 2)).raise(Track.FORMAL)
                .on(LocalDate.of(2026, 3, 3)).respond(SM, "Looked at it.");
        Ladder resolved = ladder("wakefield").team(team).on(LocalDate.of(2026, 3, 2)).raise(Track.FORMAL)
                .on(LocalDate.of(2026, 3, 3)).resolve(uk.iro.disputes.kernel.dispute.ResolutionOutcome.RESOLVED);
        List.of(waiting, acknowledged, answered, resolved).forEach(this::awaitProjected);

        JsonNode unacknowledged = api.get("/api/v1/disputes?unacknowledged=true&team=" + enc(team), MANAGER).json();
        assertThat(ids(unacknowledged)).containsExactly(waiting.idValue());
        JsonNode others = api.get("/api/v1/disputes?unacknowledged=false&team=" + enc(team), MANAGER).json();
        assertThat(ids(others)).containsExactlyInAnyOrder(acknowledged.idValue(), answered.idValue(),
                resolved.idValue());
        assertThat(api.get("/api/v1/disputes?unacknowledged=maybe", MANAGER).status()).isEqualTo(400);

        JsonNode summary = api.get("/api/v1/disputes?team=" + enc(team) + "&sort=raisedOn", MANAGER).json();
        for (JsonNode item : summary.get("items")) {
            if (item.get("disputeId").asText().equals(acknowledged.idValue())) {
                assertThat(item.at("/currentStage/acknowledgedOn").asText()).isEqualTo("2026-03-04");
                assertThat(item.at("/currentStage/acknowledgedByStaffId").asText()).isEqualTo("sm-41");
            }
        }

        JsonNode one = api.get("/api/v1/disputes/" + acknowledged.idValue(), MANAGER).json();
        assertThat(one.at("/ladder/0/acknowledgedBy/staffId").asText()).isEqualTo("sm-41");
        assertThat(one.at("/ladder/0/acknowledgedOn").asText()).isEqualTo("2026-03-04");
        assertThat(one.at("/ladder/0/acknowledgedAfterWorkingDays").asInt()).isEqualTo(2);
        assertThat(one.get("childStatus").asText()).isEqualTo("LOOKED_AFTER");

        // The acknowledger took part, so they read the dispute; the history says who, when and how soon.
        assertThat(api.get("/api/v1/disputes/" + acknowledged.idValue(), TestTokens.token("sm-41",
                Role.SENIOR_MANAGER)).status()).isEqualTo(200);
        JsonNode history = api.get("/api/v1/disputes/" + acknowledged.idValue() + "/history",
                TestTokens.token("aud-1", Role.AUDITOR)).json();
        JsonNode last = history.get("events").get(history.get("events").size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("StageAcknowledged");
        assertThat(last.get("change").asText())
                .isEqualTo("Stage stage-1 acknowledged by sm-41 (SENIOR_MANAGER) on 2026-03-04, 2 working days"
                        + " after it opened.");
    }

    @Test
    void aChildProtectionDisputeIsReadByItsChairAndFilteredByStatus() {
        String team = "Team " + UUID.randomUUID().toString().substring(0, 8);
        StaffReference chair = StaffReference.of("cpc-" + UUID.randomUUID().toString().substring(0, 6), Role.CP_CHAIR);
        Ladder cp = ladder("durham").team(team).iro(chair).childStatus(ChildStatus.CHILD_PROTECTION)
                .on(LocalDate.of(2026, 3, 2)).raise(Track.FORMAL, StageKey.of("stage-2"), null);
        Ladder lac = ladder("durham").team(team).on(LocalDate.of(2026, 3, 2))
                .raise(Track.FORMAL, StageKey.of("stage-2"), null);
        List.of(cp, lac).forEach(this::awaitProjected);

        JsonNode protection = api.get("/api/v1/disputes?childStatus=CHILD_PROTECTION&team=" + enc(team), MANAGER)
                .json();
        assertThat(ids(protection)).containsExactly(cp.idValue());
        assertThat(protection.at("/items/0/childStatus").asText()).isEqualTo("CHILD_PROTECTION");
        assertThat(ids(api.get("/api/v1/disputes?childStatus=LOOKED_AFTER&team=" + enc(team), MANAGER).json()))
                .containsExactly(lac.idValue());
        Api.Call bad = api.get("/api/v1/disputes?childStatus=IN_NEED", MANAGER);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.firstBadField()).isEqualTo("childStatus");

        String chairToken = TestTokens.token(chair.staffId(), Role.CP_CHAIR);
        assertThat(api.get("/api/v1/disputes/" + cp.idValue(), chairToken).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/disputes/" + lac.idValue(), chairToken).status()).isEqualTo(404);
        assertThat(ids(api.get("/api/v1/disputes?team=" + enc(team), chairToken).json()))
                .containsExactly(cp.idValue());
    }
}
