package uk.iro.disputes.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeAcknowledged;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeId;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeRecorded;
import uk.iro.disputes.kernel.policy.StageKey;
import uk.iro.disputes.query.support.Api;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;
import uk.iro.disputes.query.support.TestTokens;

/**
 * The trends councils asked for, over the first half of 2026 for a team of its own, against answers worked out by
 * hand:
 * <pre>
 *   e1 wakefield informal, child X, IRO A, raised Mon 2 Feb (Q1), escalated into the formal process Thu 5 Feb
 *   e2 wakefield informal, child X, IRO A, raised Mon 6 Apr (Q2), still informal             (X: a repeat)
 *   e3 durham    formal, child Y, CP chair C, child protection, raised Mon 11 May (Q2), resolved Wed 20 May
 *   e4 wakefield formal, child Z, IRO A, raised Mon 2 Mar (Q1)
 *   e5 wakefield informal, child Z, IRO A, raised 1 Jul: outside the period
 *   g1 good practice recorded Tue 3 Mar (Q1), acknowledged 4 Mar; g2 recorded Tue 7 Apr (Q2), not acknowledged;
 *   g3 recorded 1 Aug: outside; g4 of another team: outside the team filter
 * </pre>
 * Conversion: 2 informal raised, 1 entered the formal process: 50.0%. Repeats: 3 children, 1 with more than one
 * (2 disputes). Good practice is counted beside the disputes and never among them: raised stays 4.
 */
class TrendsReportTest extends QueryServiceTest {
    String team;
    StaffReference iroA;
    StaffReference chair;

    @BeforeEach
    void handMadeDataSet() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        team = "Team " + suffix;
        iroA = StaffReference.of("iro-a-" + suffix, Role.IRO);
        chair = StaffReference.of("cpc-" + suffix, Role.CP_CHAIR);
        String x = "CASE-X-" + suffix;
        String y = "CASE-Y-" + suffix;
        String z = "CASE-Z-" + suffix;
        List<Ladder> all = List.of(
                ladder("wakefield").team(team).child(x).iro(iroA).on(day("2026-02-02")).raise(Track.INFORMAL)
                        .on(day("2026-02-05")).escalate(null),
                ladder("wakefield").team(team).child(x).iro(iroA).on(day("2026-04-06")).raise(Track.INFORMAL),
                ladder("durham").team(team).child(y).iro(chair).childStatus(ChildStatus.CHILD_PROTECTION)
                        .on(day("2026-05-11")).raise(Track.FORMAL, StageKey.of("stage-2"), null)
                        .on(day("2026-05-20")).resolve(ResolutionOutcome.RESOLVED),
                ladder("wakefield").team(team).child(z).iro(iroA).on(day("2026-03-02")).raise(Track.FORMAL),
                ladder("wakefield").team(team).child(z).iro(iroA).on(day("2026-07-01")).raise(Track.INFORMAL));
        all.forEach(this::awaitProjected);
        GoodPracticeId g1 = goodPractice(team, "2026-03-03");
        store.appendGoodPractice(day("2026-03-04").atStartOfDay(ZoneId.of("Europe/London")).toInstant(), null,
                List.of(new GoodPracticeAcknowledged(g1, StaffReference.of("tm-1", Role.TEAM_MANAGER), day("2026-03-04"))));
        goodPractice(team, "2026-04-07");
        goodPractice(team, "2026-08-01");
        GoodPracticeId last = goodPractice("Another " + team, "2026-04-07");
        awaitFor("the alerts projected", 120, () -> jdbc.sql(
                        "SELECT count(*) FROM disputes_query.good_practice WHERE alert_id IN (:a, :b) AND version >= :v")
                .param("a", g1.value()).param("b", last.value()).param("v", 0).query(Long.class).single() == 2
                && jdbc.sql("SELECT version FROM disputes_query.good_practice WHERE alert_id = :a")
                .param("a", g1.value()).query(Long.class).single() == 1);
    }

    private GoodPracticeId goodPractice(String team, String on) {
        GoodPracticeId id = GoodPracticeId.newId();
        StaffReference iro = StaffReference.of("iro-gp", Role.IRO);
        store.appendGoodPractice(day(on).atStartOfDay(ZoneId.of("Europe/London")).toInstant(), iro,
                List.of(new GoodPracticeRecorded(id, ChildReference.of("CASE-GP"), team, null, null, "Good work.", iro,
                        day(on))));
        return id;
    }

    private static LocalDate day(String date) {
        return LocalDate.parse(date);
    }

    private String report(String extra) {
        return "/api/v1/reports/disputes?from=2026-01-01&to=2026-06-30&team="
                + URLEncoder.encode(team, StandardCharsets.UTF_8) + extra;
    }

    @Test
    void theTrendsAreTheHandWorkedAnswers() {
        Api.Call call = api.get(report(""), TestTokens.token("rep-1", Role.REPORTING));
        assertThat(call.status()).as(call.toString()).isEqualTo(200);
        JsonNode r = call.json();

        assertThat(r.at("/raised/total").asLong()).as("good practice is never a dispute").isEqualTo(4);
        assertThat(r.get("byChildStatus").toString()).isEqualTo("{\"CHILD_PROTECTION\":1,\"LOOKED_AFTER\":3}");
        assertThat(r.get("byIro").toString())
                .isEqualTo("{\"" + chair.staffId() + "\":1,\"" + iroA.staffId() + "\":3}");
        assertThat(r.get("resolvedByTeam").toString()).isEqualTo("{\"" + team + "\":1}");
        assertThat(r.get("resolvedByIro").toString()).isEqualTo("{\"" + chair.staffId() + "\":1}");
        assertThat(r.get("repeatDisputes").toString())
                .isEqualTo("{\"children\":3,\"childrenWithMoreThanOne\":1,\"disputesOfThoseChildren\":2}");
        assertThat(r.get("informalToFormal").toString()).isEqualTo("{\"applicable\":2,\"within\":1,\"percent\":50.0}");

        JsonNode quarters = r.get("quarters");
        assertThat(quarters).hasSize(2);
        assertThat(quarters.get(0).toString()).isEqualTo("{\"quarter\":\"2026-Q1\",\"from\":\"2026-01-01\","
                + "\"to\":\"2026-03-31\",\"raised\":2,\"informal\":1,\"formal\":1,\"escalatedToFormal\":1,"
                + "\"resolved\":0,\"overdueStages\":0,\"goodPracticeRecorded\":1}");
        assertThat(quarters.get(1).toString()).isEqualTo("{\"quarter\":\"2026-Q2\",\"from\":\"2026-04-01\","
                + "\"to\":\"2026-06-30\",\"raised\":2,\"informal\":1,\"formal\":1,\"escalatedToFormal\":0,"
                + "\"resolved\":1,\"overdueStages\":0,\"goodPracticeRecorded\":1}");

        assertThat(r.get("goodPractice").toString())
                .isEqualTo("{\"recorded\":2,\"acknowledged\":1,\"byTeam\":{\"" + team + "\":2}}");
    }

    @Test
    void aPeriodInsideAQuarterIsClippedToItAndTheCsvCarriesTheSameFigures() {
        JsonNode r = api.get("/api/v1/reports/disputes?from=2026-02-15&to=2026-04-10&team="
                + URLEncoder.encode(team, StandardCharsets.UTF_8), TestTokens.token("rep-1", Role.REPORTING)).json();
        assertThat(r.at("/quarters/0/from").asText()).isEqualTo("2026-02-15");
        assertThat(r.at("/quarters/0/raised").asLong()).as("e4 only").isEqualTo(1);
        assertThat(r.at("/quarters/1/to").asText()).isEqualTo("2026-04-10");
        assertThat(r.at("/quarters/1/raised").asLong()).as("e2 only").isEqualTo(1);

        Api.Call csv = api.get(report("&format=csv"), TestTokens.token("rep-1", Role.REPORTING));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains(
                "raised.childStatus,,,,CHILD_PROTECTION,1\r\n",
                "raised.iro,,,," + iroA.staffId() + ",3\r\n",
                "resolved.team,,,," + team + ",1\r\n",
                "repeatDisputes,,,,childrenWithMoreThanOne,1\r\n",
                "informalToFormal,,,,percent,50.0\r\n",
                "quarter.2026-Q1,,,,raised,2\r\n",
                "quarter.2026-Q2,,,,resolved,1\r\n",
                "goodPractice,,,,recorded,2\r\n",
                "goodPractice,,,,acknowledged,1\r\n",
                "goodPractice.team,,,," + team + ",2\r\n");
    }
}
