package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.iro.disputes.kernel.audit.HashChain;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.query.history.StoredEvents;
import uk.iro.disputes.query.support.Api;
import uk.iro.disputes.query.support.RealDispute;
import uk.iro.disputes.query.support.QueryServiceTest;
import uk.iro.disputes.query.support.TestTokens;

/** Status, lag and the rebuild of every read model, which must give back exactly what the live projection built. */
class ProjectionAdminTest extends QueryServiceTest {
    static final StaffReference TM = StaffReference.of("tm-3", Role.TEAM_MANAGER);
    @Autowired
    StoredEvents storedEvents;

    @Test
    void statusShowsEverySegmentAndTheLag() {
        awaitCaughtUp();

        Api.Call call = api.get("/api/v1/admin/projection", admin());

        assertThat(call.status()).isEqualTo(200);
        JsonNode s = call.json();
        assertThat(s.get("processor").asText()).isEqualTo("dispute-projection");
        assertThat(s.get("running").asBoolean()).isTrue();
        assertThat(s.get("segments")).hasSize(2);
        assertThat(s.get("headIndex").asLong()).isPositive();
        assertThat(s.get("lowestPosition").asLong()).isPositive();
        assertThat(s.get("lagEvents").asLong())
                .isEqualTo(Math.max(0, s.get("headIndex").asLong() - s.get("lowestPosition").asLong()));
        assertThat(s.get("errors")).isEmpty();
        assertThat(api.get("/actuator/prometheus", null).body()).contains("iro_projection_lag_events");
    }

    @Test
    void onlyAdminsSeeAndRebuild() {
        for (Role role : List.of(Role.AUDITOR, Role.IRO_MANAGER, Role.REPORTING)) {
            String token = TestTokens.token("someone", role);
            assertThat(api.get("/api/v1/admin/projection", token).status()).as(role.name()).isEqualTo(403);
            assertThat(api.post("/api/v1/admin/projection/rebuild", token, null).status()).isEqualTo(403);
        }
        assertThat(api.post("/api/v1/admin/projection/rebuild", null, null).status()).isEqualTo(401);
    }

    @Test
    void aRebuildGivesBackTheLiveReadModels() {
        // Driven through the real command service; the two time-triggered events chained on as in ProjectionTest.
        RealDispute full = realDispute("durham").raise(Track.INFORMAL)
                .respond(StaffReference.of("sw-1", Role.SOCIAL_WORKER), "Booked.",
                        new PlannedAction("Book it", TM, RealDispute.today().plusDays(7)))
                .escalate(null);
        full.extend(calendar.addWorkingDays(full.state().currentStage().orElseThrow().dueDate(),
                        uk.iro.disputes.kernel.calendar.WorkingDays.of(3)))
                .meeting(TM, MeetingOutcome.ACTIONS_AGREED, Role.IRO, Role.TEAM_MANAGER)
                .overdueAsIfDue().breachAsIfDue().legalAdvice()
                .childInformed().resolve(ResolutionOutcome.RESOLVED)
                .monitoring(false, MonitoringNextStep.ESCALATE);
        RealDispute withdrawn = realDispute("wakefield").raise(Track.INFORMAL).referToCafcass().withdraw();
        awaitProjected(full);
        awaitProjected(withdrawn);
        awaitCaughtUp();
        Map<String, Snapshot> live = snapshot();
        List<String> indexes = indexes();

        Api.Call call = api.post("/api/v1/admin/projection/rebuild", admin(), null);

        assertThat(call.status()).as(call.toString()).isEqualTo(202);
        assertThat(call.header("location")).isEqualTo("/api/v1/admin/projection");
        // The reset dropped the secondary indexes; the replay (of every event other tests stored) is far from over.
        assertThat(call.json().get("indexesDeferred").asLong()).isPositive();
        awaitFor("the rebuild to finish", 240, () -> {
            JsonNode s = api.get("/api/v1/admin/projection", admin()).json();
            return !s.get("replaying").asBoolean() && s.get("caughtUp").asBoolean()
                    && s.get("indexesDeferred").asLong() == 0;
        });
        // Replayed stream by stream (BulkRebuild), not fallen back to the processor's replay event by event.
        JsonNode rebuild = api.get("/api/v1/admin/projection", admin()).json().get("rebuild");
        assertThat(rebuild.get("outcome").asText()).as(rebuild.toString()).isEqualTo("done");
        assertThat(rebuild.get("events").asLong()).isEqualTo(rebuild.get("of").asLong()).isPositive();
        Map<String, Snapshot> rebuilt = snapshot();
        // The secondary indexes the rebuild dropped are back, as they were.
        assertThat(indexes()).isEqualTo(indexes);

        List<String> differ = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, Snapshot> before : live.entrySet()) {
            Snapshot after = rebuilt.get(before.getKey());
            if (after == null) {
                differ.add(before.getKey() + " is missing after the rebuild");
            } else if (after.version() == before.getValue().version()) {
                compared++;
                if (!after.text().equals(before.getValue().text()) && intact(before.getKey())) {
                    differ.add(before.getKey() + (differ.isEmpty() ? "\nlive:    " + before.getValue().text()
                            + "\nrebuilt: " + after.text() : ""));
                }
            }
        }
        assertThat(differ).as("of " + live.size() + " disputes").isEmpty();
        assertThat(compared).isGreaterThan(live.size() / 2);
        assertThat(rebuilt.get(full.idValue()).text()).isEqualTo(live.get(full.idValue()).text());
        assertThat(rebuilt.get(withdrawn.idValue()).text()).isEqualTo(live.get(withdrawn.idValue()).text());
    }

    /** Tampered streams (the command service's tamper tests) may rebuild differently; verification flags them. */
    private boolean intact(String disputeId) {
        return HashChain.verify(storedEvents.of(disputeId).stream().map(StoredEvents.Row::forChain).toList())
                .isEmpty();
    }

    /** Every read-model row of every dispute, as text, but for when it was written. */
    private Map<String, Snapshot> snapshot() {
        Map<String, Snapshot> all = new HashMap<>();
        jdbc.sql("""
                        SELECT d.dispute_id, d.version, (to_jsonb(d) - 'projected_at')::text
                            || '|' || COALESCE((SELECT string_agg(to_jsonb(s)::text, ',' ORDER BY s.visit)
                                FROM disputes_query.dispute_stage s WHERE s.dispute_id = d.dispute_id), '')
                            || '|' || COALESCE((SELECT string_agg(to_jsonb(a)::text, ',' ORDER BY a.source, a.visit, a.ordinal)
                                FROM disputes_query.dispute_action a WHERE a.dispute_id = d.dispute_id), '')
                            || '|' || COALESCE((SELECT string_agg(to_jsonb(m)::text, ',' ORDER BY m.ordinal)
                                FROM disputes_query.dispute_meeting m WHERE m.dispute_id = d.dispute_id), '')
                            || '|' || COALESCE((SELECT string_agg(p.staff_id || ':' || p.role, ',' ORDER BY p.staff_id, p.role)
                                FROM disputes_query.dispute_participant p WHERE p.dispute_id = d.dispute_id), '')
                            || '|' || COALESCE((SELECT string_agg(to_jsonb(i)::text, ',' ORDER BY i.version)
                                FROM disputes_query.dispute_interval i WHERE i.dispute_id = d.dispute_id), '')
                        FROM disputes_query.dispute d""")
                .query((rs, i) -> all.put(rs.getString(1), new Snapshot(rs.getLong(2), rs.getString(3)))).list();
        return all;
    }

    private List<String> indexes() {
        return jdbc.sql("SELECT indexdef FROM pg_indexes WHERE schemaname = 'disputes_query' ORDER BY indexname")
                .query(String.class).list();
    }

    private record Snapshot(long version, String text) {
    }

}
