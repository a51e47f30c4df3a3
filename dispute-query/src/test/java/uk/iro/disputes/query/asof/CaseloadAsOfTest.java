package uk.iro.disputes.query.asof;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.policy.EscalationPolicy;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.kernel.state.StageState;
import uk.iro.disputes.query.support.Api;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.RealDispute;
import uk.iro.disputes.query.support.QueryServiceTest;
import uk.iro.disputes.query.support.TestTokens;

/**
 * The caseload at past instants, answered from validity intervals, equals the fold of each dispute's events up to
 * that instant: twenty disputes of one team walked at random (seeded; the seed is in the failure message) through
 * all five policies by the real dispute-command, probed at the instants its events were recorded and a millisecond
 * before. Filtering by overdue as it stood needs days to pass, so that test keeps the test writer's walk.
 */
class CaseloadAsOfTest extends QueryServiceTest {
    static final String[] POLICIES = {"wakefield", "birmingham", "group-manager-ladder", "warwickshire", "durham"};

    @Test
    void theCaseloadAtEachInstantIsTheFoldOfEveryDispute() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String team = "Team " + UUID.randomUUID().toString().substring(0, 8);
        List<RealDispute> disputes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            disputes.add(walk(random, team));
        }
        disputes.forEach(this::awaitProjected);
        Map<String, List<DisputeEvent>> events = new HashMap<>();
        Map<String, List<Instant>> times = new HashMap<>();
        TreeSet<Instant> instants = new TreeSet<>();
        for (RealDispute d : disputes) {
            var stored = d.stored();
            events.put(d.idValue(), stored.stream().map(m -> (DisputeEvent) m.getPayload()).toList());
            times.put(d.idValue(), stored.stream().map(m -> m.getTimestamp()).toList());
            instants.addAll(times.get(d.idValue()));
        }
        List<Instant> eventTimes = new ArrayList<>(instants);
        List<Instant> probes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant t = eventTimes.get(random.nextInt(eventTimes.size()));
            probes.add(t);                      // the events at t are in
            probes.add(t.minusMillis(1));       // and not a moment before
        }
        probes.add(eventTimes.get(0).minusSeconds(60));
        probes.add(Instant.now());          // after the last step: the caseload as it stands

        int nonEmpty = 0;
        for (Instant t : probes) {
            Map<String, String> expected = new HashMap<>();
            LocalDate today = LocalDate.ofInstant(t, Ladder.LONDON);
            for (RealDispute d : disputes) {
                List<DisputeEvent> all = events.get(d.idValue());
                List<Instant> at = times.get(d.idValue());
                List<DisputeEvent> upTo = new ArrayList<>();
                for (int i = 0; i < all.size() && !at.get(i).isAfter(t); i++) {
                    upTo.add(all.get(i));
                }
                if (!upTo.isEmpty()) {
                    expected.put(d.idValue(), describe(DisputeState.of(upTo), upTo.size() - 1, today));
                }
            }
            Api.Call call = api.get("/api/v1/disputes?asOf=" + t + "&team=" + enc(team) + "&size=200", auditor());
            assertThat(call.status()).as(call.toString()).isEqualTo(200);
            Map<String, String> actual = new HashMap<>();
            call.json().get("items").forEach(item -> actual.put(item.get("disputeId").asText(), describe(item)));
            assertThat(actual).as("caseload at " + t + " (seed " + seed + ")").isEqualTo(expected);
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).isGreaterThan(probes.size() / 2);
    }

    @Test
    void filtersApplyToTheDisputesAsTheyWereThen() {
        String team = "Team " + UUID.randomUUID().toString().substring(0, 8);
        Ladder d = ladder("birmingham").team(team).on(LocalDate.of(2026, 3, 2)).raise(Track.FORMAL)
                .on(LocalDate.of(2026, 3, 20)).resolve(ResolutionOutcome.RESOLVED);
        awaitProjected(d);
        String base = "/api/v1/disputes?team=" + enc(team) + "&asOf=";

        // On 18 March it was open at stage-1, due 16 March: overdue then; resolved since.
        assertThat(ids(api.get(base + "2026-03-18T12:00:00Z&status=OPEN&overdue=true", auditor())))
                .containsExactly(d.idValue());
        assertThat(ids(api.get(base + "2026-03-18T12:00:00Z&status=RESOLVED", auditor()))).isEmpty();
        assertThat(ids(api.get(base + "2026-03-13T12:00:00Z&overdue=true", auditor()))).isEmpty();
        assertThat(ids(api.get(base + "2026-03-21T12:00:00Z&status=RESOLVED", auditor())))
                .containsExactly(d.idValue());
        assertThat(ids(api.get("/api/v1/disputes?team=" + enc(team) + "&status=OPEN", auditor()))).isEmpty();
    }

    @Test
    void onlyAuditorsSeeThePastCaseloadAndNotTheFuture() {
        Api.Call manager = api.get("/api/v1/disputes?asOf=2026-03-05T12:00:00Z",
                TestTokens.token("iro-manager-1", Role.IRO_MANAGER));
        assertThat(manager.status()).isEqualTo(403);

        clock.set(Instant.parse("2026-04-01T00:00:00Z"));
        Api.Call future = api.get("/api/v1/disputes?asOf=2026-04-02T00:00:00Z", auditor());
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.firstBadField()).isEqualTo("asOf");
    }

    /**
     * A random legal walk through the real dispute-command, one step after another (on real time, so the instants
     * are milliseconds apart and the steps' dates all today).
     */
    private RealDispute walk(Random random, String team) {
        EscalationPolicy policy = policies.latest(POLICIES[random.nextInt(POLICIES.length)]).orElseThrow();
        RealDispute d = realDispute(policy.id()).team(team);
        d.raise(policy.informalResolution().isPresent() && random.nextBoolean() ? Track.INFORMAL : Track.FORMAL);
        int steps = random.nextInt(7);
        for (int i = 0; i < steps && d.state().isOpen(); i++) {
            StageState current = d.state().currentStage().orElseThrow();
            int move = random.nextInt(9);
            if (move < 3 && !current.isAnswered()) {
                d.respond(StaffReference.of("resp-" + i, current.assigneeRole()), "Response " + i);
            } else if (move < 6 && policy.stageAfter(current.key()).isPresent()) {
                d.escalate(null);
            } else if (move == 6) {
                d.meeting(d.iroRef(), MeetingOutcome.NOT_RESOLVED, Role.IRO);
            } else if (move == 7) {
                d.resolve(ResolutionOutcome.RESOLVED);
            } else if (move == 8) {
                d.withdraw();
            } else {
                d.legalAdvice();
            }
        }
        return d;
    }

    private static String describe(DisputeState s, long version, LocalDate today) {
        StageState current = s.isOpen() ? s.currentStage().orElse(null) : null;
        return "v" + version + " " + s.status() + " " + (current == null ? "-" : current.key() + " due "
                + current.dueDate() + (current.isAnswered() ? " answered" : "")) + (s.isOverdueOn(today) ? " OVERDUE" : "");
    }

    private static String describe(JsonNode item) {
        JsonNode current = item.get("currentStage");
        return "v" + item.get("version").asLong() + " " + item.get("status").asText() + " "
                + (current.isNull() ? "-" : current.get("key").asText() + " due "
                + (current.get("dueDate").isNull() ? "null" : current.get("dueDate").asText())
                + (current.get("answered").asBoolean() ? " answered" : ""))
                + (item.get("overdue").asBoolean() ? " OVERDUE" : "");
    }

    private static List<String> ids(Api.Call call) {
        assertThat(call.status()).as(call.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        call.json().get("items").forEach(i -> ids.add(i.get("disputeId").asText()));
        return ids;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String auditor() {
        return TestTokens.token("auditor-1", Role.AUDITOR);
    }
}
