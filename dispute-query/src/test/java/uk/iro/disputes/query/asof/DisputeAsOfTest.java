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
import uk.iro.disputes.kernel.calendar.WorkingDays;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.RealDispute;
import uk.iro.disputes.query.support.QueryServiceTest;
import uk.iro.disputes.query.support.TestTokens;

/**
 * One Birmingham dispute walked through the real dispute-command today, viewed as of the instants its events were
 * recorded at (taken from the store, as the as-of answers turn on them); each view checked against what it must
 * say, worked out by hand from the policy (stage one: 10 working days; two and three: 3; statutory: 20):
 * <pre>
 *   0-2 raised, formal process started, stage-1 opened, due in 10 working days
 *   3   stage-1 answered by the team manager
 *   4-5 escalated, stage-2 opened, due in 3 working days
 *   6   stage-2 recorded overdue (chained on by the test writer: on real time it is days away)
 *   7-8 escalated, stage-3 opened, due in 3 working days
 *   9   resolved at stage-3
 * </pre>
 * One test keeps the test writer's walk over March 2026, for what only days passing shows: overdue by working days.
 */
class DisputeAsOfTest extends QueryServiceTest {
    static final StaffReference TM = StaffReference.of("tm-5", Role.TEAM_MANAGER);

    private RealDispute walk() {
        RealDispute d = realDispute("birmingham").raise(Track.FORMAL)
                .respond(TM, "Agreed.")
                .escalate(null)
                .overdueAsIfDue()
                .escalate(null)
                .resolve(ResolutionOutcome.RESOLVED);
        assertThat(d.version()).isEqualTo(9);
        return d;
    }

    private LocalDate today() {
        return RealDispute.today();
    }

    private LocalDate inWorkingDays(int days) {
        return calendar.addWorkingDays(today(), WorkingDays.of(days));
    }

    /** The instant the event with this sequence number was recorded. */
    private static String at(RealDispute d, int sequence) {
        return d.times().get(sequence).toString();
    }

    private static String justBefore(RealDispute d, int sequence) {
        return d.times().get(sequence).minusMillis(1).toString();
    }

    @Test
    void beforeItWasRaisedThereIsNothing() {
        RealDispute d = walk();

        assertThat(asOf(d, justBefore(d, 0)).status()).isEqualTo(404);
    }

    @Test
    void atStageOneWithTenWorkingDaysLeft() {
        RealDispute d = walk();
        String instant = at(d, 2);
        JsonNode v = asOf(d, instant).json();

        assertThat(v.get("asOf").asText()).isEqualTo(instant);
        assertThat(v.get("today").asText()).isEqualTo(today().toString());
        assertThat(v.get("version").asLong()).isEqualTo(2);
        assertThat(v.get("status").asText()).isEqualTo("OPEN");
        assertThat(v.at("/currentStage/key").asText()).isEqualTo("stage-1");
        assertThat(v.at("/currentStage/dueDate").asText()).isEqualTo(inWorkingDays(10).toString());
        assertThat(v.at("/currentStage/answered").asBoolean()).isFalse();
        assertThat(v.at("/currentStage/workingDaysLeft").asInt()).isEqualTo(10);
        assertThat(ladder(v)).containsExactly("stage-1 " + today() + "..");
        assertThat(v.at("/formalProcess/statutoryDueDate").asText()).isEqualTo(inWorkingDays(20).toString());
        // A millisecond before the response, still unanswered; at it, answered.
        assertThat(asOf(d, justBefore(d, 3)).json().get("version").asLong()).isEqualTo(2);
        JsonNode answered = asOf(d, at(d, 3)).json();
        assertThat(answered.get("version").asLong()).isEqualTo(3);
        assertThat(answered.at("/currentStage/answered").asBoolean()).isTrue();
        assertThat(answered.at("/currentStage/workingDaysLeft").isNull()).isTrue();
    }

    @Test
    void atStageTwoWithThreeWorkingDaysLeft() {
        RealDispute d = walk();
        JsonNode v = asOf(d, at(d, 5)).json();

        assertThat(v.get("version").asLong()).isEqualTo(5);
        assertThat(v.at("/currentStage/key").asText()).isEqualTo("stage-2");
        assertThat(v.at("/currentStage/dueDate").asText()).isEqualTo(inWorkingDays(3).toString());
        assertThat(v.at("/currentStage/workingDaysLeft").asInt()).isEqualTo(3);
        assertThat(ladder(v)).containsExactly("stage-1 " + today() + ".." + today() + " answered " + today(),
                "stage-2 " + today() + "..");
    }

    @Test
    void overdueOnceRecorded() {
        RealDispute d = walk();
        JsonNode v = asOf(d, at(d, 6)).json();

        assertThat(v.get("version").asLong()).isEqualTo(6);
        assertThat(v.at("/currentStage/key").asText()).isEqualTo("stage-2");
        assertThat(v.at("/currentStage/recordedOverdueOn").asText()).isEqualTo(today().toString());
        // Overdue is counted from the due date, which is still ahead: recorded, not (yet) overdue by the calendar.
        assertThat(v.get("overdue").asBoolean()).isFalse();
        assertThat(asOf(d, justBefore(d, 6)).json().at("/currentStage/recordedOverdueOn").isNull()).isTrue();
    }

    @Test
    void justBeforeAndAtResolution() {
        RealDispute d = walk();

        JsonNode before = asOf(d, justBefore(d, 9)).json();
        assertThat(before.get("version").asLong()).isEqualTo(8);
        assertThat(before.get("status").asText()).isEqualTo("OPEN");
        assertThat(before.at("/currentStage/key").asText()).isEqualTo("stage-3");
        assertThat(before.at("/currentStage/dueDate").asText()).isEqualTo(inWorkingDays(3).toString());
        assertThat(before.get("resolution").isNull()).isTrue();

        JsonNode after = asOf(d, at(d, 9)).json();
        assertThat(after.get("version").asLong()).isEqualTo(9);
        assertThat(after.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(after.get("currentStage").isNull()).isTrue();
        assertThat(after.at("/resolution/atStage").asText()).isEqualTo("stage-3");
        assertThat(after.at("/resolution/resolvedOn").asText()).isEqualTo(today().toString());
        String t = today().toString();
        assertThat(ladder(after)).containsExactly("stage-1 " + t + ".." + t + " answered " + t,
                "stage-2 " + t + ".." + t + " overdue " + t, "stage-3 " + t + ".." + t);
    }

    @Test
    void asOfNowIsTheCurrentView() {
        RealDispute d = walk();
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
        RealDispute d = walk();
        Instant future = Instant.now().plusSeconds(3600);

        Api.Call manager = api.get("/api/v1/disputes/" + d.idValue() + "?asOf=" + at(d, 2),
                TestTokens.token("iro-manager-1", Role.IRO_MANAGER));
        assertThat(manager.status()).isEqualTo(403);
        Api.Call later = asOf(d, future.toString());
        assertThat(later.status()).isEqualTo(400);
        assertThat(later.firstBadField()).isEqualTo("asOf");
        Api.Call garbage = asOf(d, "last-tuesday");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.firstBadField()).isEqualTo("asOf");
    }

    /** Only days passing make a stage overdue by the calendar: the test writer's walk over March 2026. */
    @Test
    void overdueByWorkingDaysAfterTheWeekend() {
        Ladder d = ladder("birmingham")
                .on(LocalDate.of(2026, 3, 2)).raise(Track.FORMAL)           // stage-1 due 16 March
                .on(LocalDate.of(2026, 3, 9)).respond(TM, "Agreed.")
                .on(LocalDate.of(2026, 3, 10)).escalate(null)               // stage-2 due 13 March
                .on(LocalDate.of(2026, 3, 16)).overdue();
        JsonNode v = api.get("/api/v1/disputes/" + d.idValue() + "?asOf=2026-03-16T15:00:00Z", auditor()).json();

        assertThat(v.get("version").asLong()).isEqualTo(6);
        assertThat(v.get("overdue").asBoolean()).isTrue();
        assertThat(v.at("/currentStage/overdue").asBoolean()).isTrue();
        assertThat(v.at("/currentStage/overdueByWorkingDays").asInt()).isEqualTo(1);
        assertThat(v.at("/currentStage/recordedOverdueOn").asText()).isEqualTo("2026-03-16");
        assertThat(v.at("/currentStage/workingDaysLeft").isNull()).isTrue();
        JsonNode dayBefore = api.get("/api/v1/disputes/" + d.idValue() + "?asOf=2026-03-12T12:00:00Z", auditor()).json();
        assertThat(dayBefore.at("/currentStage/workingDaysLeft").asInt()).isEqualTo(1);
    }

    private Api.Call asOf(RealDispute d, String instant) {
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
