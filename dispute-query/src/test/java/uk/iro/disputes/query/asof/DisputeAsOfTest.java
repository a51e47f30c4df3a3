package uk.iro.disputes.query.asof;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.query.support.Api;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;
import uk.iro.disputes.query.support.TestTokens;

/**
 * One Birmingham dispute walked through March 2026 (10:00 London = 10:00 UTC before the clocks change), viewed at
 * several instants; each view checked against what it must say, worked out by hand from the policy and calendar.
 */
class DisputeAsOfTest extends QueryServiceTest {
    static final StaffReference TM = StaffReference.of("tm-5", Role.TEAM_MANAGER);

    private Ladder walk() {
        return ladder("birmingham")
                .on(LocalDate.of(2026, 3, 2)).raise(Track.FORMAL)           // 0-2: stage-1 due 16 March
                .on(LocalDate.of(2026, 3, 9)).respond(TM, "Agreed.")        // 3
                .on(LocalDate.of(2026, 3, 10)).escalate(null)               // 4-5: stage-2 due 13 March
                .on(LocalDate.of(2026, 3, 16)).overdue()                    // 6
                .on(LocalDate.of(2026, 3, 17)).escalate(null)               // 7-8: stage-3 due 20 March
                .on(LocalDate.of(2026, 3, 19)).resolve(ResolutionOutcome.RESOLVED);  // 9
    }

    @Test
    void beforeItWasRaisedThereIsNothing() {
        Ladder d = walk();

        assertThat(asOf(d, "2026-03-02T09:59:59Z").status()).isEqualTo(404);
    }

    @Test
    void atStageOneWithSevenWorkingDaysLeft() {
        JsonNode v = asOf(walk(), "2026-03-05T12:00:00Z").json();

        assertThat(v.get("asOf").asText()).isEqualTo("2026-03-05T12:00:00Z");
        assertThat(v.get("today").asText()).isEqualTo("2026-03-05");
        assertThat(v.get("version").asLong()).isEqualTo(2);
        assertThat(v.get("status").asText()).isEqualTo("OPEN");
        assertThat(v.at("/currentStage/key").asText()).isEqualTo("stage-1");
        assertThat(v.at("/currentStage/dueDate").asText()).isEqualTo("2026-03-16");
        assertThat(v.at("/currentStage/answered").asBoolean()).isFalse();
        assertThat(v.at("/currentStage/workingDaysLeft").asInt()).isEqualTo(7);
        assertThat(ladder(v)).containsExactly("stage-1 2026-03-02..");
        assertThat(v.at("/formalProcess/statutoryDueDate").asText()).isEqualTo("2026-03-30");
    }

    @Test
    void atStageTwoTheDayBeforeItIsDue() {
        JsonNode v = asOf(walk(), "2026-03-12T12:00:00Z").json();

        assertThat(v.get("version").asLong()).isEqualTo(5);
        assertThat(v.at("/currentStage/key").asText()).isEqualTo("stage-2");
        assertThat(v.at("/currentStage/dueDate").asText()).isEqualTo("2026-03-13");
        assertThat(v.at("/currentStage/workingDaysLeft").asInt()).isEqualTo(1);
        assertThat(ladder(v)).containsExactly("stage-1 2026-03-02..2026-03-10 answered 2026-03-09", "stage-2 2026-03-10..");
    }

    @Test
    void overdueOnceRecordedAfterTheWeekend() {
        JsonNode v = asOf(walk(), "2026-03-16T15:00:00Z").json();

        assertThat(v.get("version").asLong()).isEqualTo(6);
        assertThat(v.get("overdue").asBoolean()).isTrue();
        assertThat(v.at("/currentStage/overdue").asBoolean()).isTrue();
        assertThat(v.at("/currentStage/overdueByWorkingDays").asInt()).isEqualTo(1);
        assertThat(v.at("/currentStage/recordedOverdueOn").asText()).isEqualTo("2026-03-16");
        assertThat(v.at("/currentStage/workingDaysLeft").isNull()).isTrue();
    }

    @Test
    void anHourBeforeAndAfterResolution() {
        Ladder d = walk();

        JsonNode before = asOf(d, "2026-03-19T09:00:00Z").json();
        assertThat(before.get("status").asText()).isEqualTo("OPEN");
        assertThat(before.at("/currentStage/key").asText()).isEqualTo("stage-3");
        assertThat(before.at("/currentStage/dueDate").asText()).isEqualTo("2026-03-20");
        assertThat(before.get("resolution").isNull()).isTrue();

        JsonNode after = asOf(d, "2026-03-19T11:00:00Z").json();
        assertThat(after.get("version").asLong()).isEqualTo(9);
        assertThat(after.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(after.get("currentStage").isNull()).isTrue();
        assertThat(after.at("/resolution/atStage").asText()).isEqualTo("stage-3");
        assertThat(after.at("/resolution/resolvedOn").asText()).isEqualTo("2026-03-19");
        assertThat(ladder(after)).containsExactly("stage-1 2026-03-02..2026-03-10 answered 2026-03-09",
                "stage-2 2026-03-10..2026-03-17 overdue 2026-03-16", "stage-3 2026-03-17..2026-03-19");
    }

    @Test
    void asOfNowIsTheCurrentView() {
        Ladder d = walk();
        awaitProjected(d);
        Instant now = Instant.now();
        clock.set(now);

        JsonNode current = api.get("/api/v1/disputes/" + d.idValue(), auditor()).json();
        JsonNode asOf = asOf(d, now.toString()).json();

        ((com.fasterxml.jackson.databind.node.ObjectNode) asOf).putNull("asOf");
        assertThat(asOf).isEqualTo(current);
    }

    @Test
    void onlyAuditorsSeeThePastAndNotTheFuture() {
        Ladder d = walk();
        clock.set(Instant.parse("2026-04-01T00:00:00Z"));

        Api.Call manager = api.get("/api/v1/disputes/" + d.idValue() + "?asOf=2026-03-05T12:00:00Z",
                TestTokens.token("iro-manager-1", Role.IRO_MANAGER));
        assertThat(manager.status()).isEqualTo(403);
        Api.Call future = asOf(d, "2026-04-02T00:00:00Z");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.firstBadField()).isEqualTo("asOf");
        Api.Call garbage = asOf(d, "last-tuesday");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.firstBadField()).isEqualTo("asOf");
    }

    private Api.Call asOf(Ladder d, String instant) {
        return api.get("/api/v1/disputes/" + d.idValue() + "?asOf=" + instant, auditor());
    }

    private static List<String> ladder(JsonNode view) {
        List<String> rows = new ArrayList<>();
        view.get("ladder").forEach(s -> rows.add(s.get("key").asText() + " " + s.get("openedOn").asText() + ".."
                + (s.get("leftOn").isNull() ? "" : s.get("leftOn").asText())
                + (s.get("respondedOn").isNull() ? "" : " answered " + s.get("respondedOn").asText())
                + (s.get("recordedOverdueOn").isNull() ? "" : " overdue " + s.get("recordedOverdueOn").asText())));
        return rows;
    }

    private static String auditor() {
        return TestTokens.token("auditor-1", Role.AUDITOR);
    }
}
