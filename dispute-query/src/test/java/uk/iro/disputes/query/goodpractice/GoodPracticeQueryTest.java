package uk.iro.disputes.query.goodpractice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeAcknowledged;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeId;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeRecorded;
import uk.iro.disputes.query.support.Api;
import uk.iro.disputes.query.support.QueryServiceTest;
import uk.iro.disputes.query.support.TestTokens;

/** Good-practice alerts on the read side: their own list, view, history and chain; never among the disputes. */
class GoodPracticeQueryTest extends QueryServiceTest {
    static final StaffReference IRO = StaffReference.of("iro-51", Role.IRO);
    static final StaffReference TM = StaffReference.of("tm-51", Role.TEAM_MANAGER);

    private void awaitAlert(GoodPracticeId id, long version) {
        awaitFor("alert " + id + " projected to " + version, 120, () -> jdbc.sql(
                        "SELECT count(*) FROM disputes_query.good_practice WHERE alert_id = :id AND version >= :v")
                .param("id", id.value()).param("v", version).query(Long.class).single() > 0);
    }

    @Test
    void anAlertIsListedReadHistoriedAndVerifiedButNeverCountedAsADispute() {
        GoodPracticeId id = GoodPracticeId.newId();
        String child = "CASE-" + UUID.randomUUID().toString().substring(0, 8);
        Instant recordedAt = LocalDate.of(2026, 3, 3).atTime(10, 0).atZone(java.time.ZoneId.of("Europe/London"))
                .toInstant();
        store.appendGoodPractice(recordedAt, IRO, List.of(new GoodPracticeRecorded(id, ChildReference.of(child),
                "Team 51", null, TM, "Careful preparation of the child for the review.", IRO,
                LocalDate.of(2026, 3, 3))));
        awaitAlert(id, 0);

        String manager = TestTokens.token("irom-51", Role.IRO_MANAGER);
        JsonNode list = api.get("/api/v1/good-practice?unacknowledged=true&childCaseId=" + child, manager).json();
        assertThat(list.get("items")).hasSize(1);
        assertThat(list.at("/items/0/alertId").asText()).isEqualTo(id.value());
        assertThat(list.at("/items/0/status").asText()).isEqualTo("RECORDED");
        assertThat(list.at("/items/0/description").isNull()).as("no free text in a list").isTrue();
        JsonNode one = api.get("/api/v1/good-practice/" + id.value(), manager).json();
        assertThat(one.get("description").asText()).isEqualTo("Careful preparation of the child for the review.");

        store.appendGoodPractice(recordedAt.plusSeconds(86400), TM,
                List.of(new GoodPracticeAcknowledged(id, TM, LocalDate.of(2026, 3, 4))));
        awaitAlert(id, 1);
        JsonNode acknowledged = api.get("/api/v1/good-practice/" + id.value(), manager).json();
        assertThat(acknowledged.get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.at("/acknowledgedBy/staffId").asText()).isEqualTo("tm-51");
        assertThat(api.get("/api/v1/good-practice?unacknowledged=true&childCaseId=" + child, manager).json()
                .get("items")).isEmpty();

        // never a dispute: not in the disputes list, and no dispute row
        assertThat(api.get("/api/v1/disputes?childCaseId=" + child, manager).json().get("items")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM disputes_query.dispute WHERE dispute_id = :id")
                .param("id", id.value()).query(Long.class).single()).isZero();

        String auditor = TestTokens.token("aud-51", Role.AUDITOR);
        JsonNode history = api.get("/api/v1/good-practice/" + id.value() + "/history", auditor).json();
        assertThat(history.get("events")).hasSize(2);
        assertThat(history.at("/events/0/change").asText()).isEqualTo("Good practice recorded for child case " + child
                + ", team Team 51, by iro-51 (IRO) on 2026-03-03; the manager alerted: tm-51 (TEAM_MANAGER).");
        assertThat(history.at("/events/1/change").asText())
                .isEqualTo("Good-practice alert acknowledged by tm-51 (TEAM_MANAGER) on 2026-03-04.");
        assertThat(history.at("/events/1/actor/subject").asText()).isEqualTo("tm-51");
        JsonNode verification = api.get("/api/v1/good-practice/" + id.value() + "/verification", auditor).json();
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("events").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/good-practice/" + id.value() + "/history", manager).status()).isEqualTo(403);
    }

    @Test
    void eachAlertIsReadByThoseItConcerns() {
        GoodPracticeId named = GoodPracticeId.newId();
        GoodPracticeId unnamed = GoodPracticeId.newId();
        Instant at = Instant.now();
        store.appendGoodPractice(at, IRO, List.of(new GoodPracticeRecorded(named, ChildReference.of("C-51"),
                "Team 51", null, TM, "x", IRO, LocalDate.of(2026, 3, 3))));
        store.appendGoodPractice(at, IRO, List.of(new GoodPracticeRecorded(unnamed, ChildReference.of("C-52"),
                "Team 52", null, null, "y", IRO, LocalDate.of(2026, 3, 3))));
        awaitAlert(named, 0);
        awaitAlert(unnamed, 0);

        record Case(String token, int named, int unnamed) {
        }
        List<Case> matrix = List.of(
                new Case(TestTokens.token("aud-1", Role.AUDITOR), 200, 200),
                new Case(TestTokens.token("irom-1", Role.IRO_MANAGER), 200, 200),
                new Case(TestTokens.token("iro-51", Role.IRO), 200, 200),
                new Case(TestTokens.token("iro-52", Role.IRO), 404, 404),
                new Case(TestTokens.token("cpc-1", Role.CP_CHAIR), 404, 404),
                new Case(TestTokens.token("tm-51", Role.TEAM_MANAGER), 200, 200),
                new Case(TestTokens.token("tm-52", Role.TEAM_MANAGER), 404, 200),
                new Case(TestTokens.tokenInTeam("sm-52", "Team 51", Role.SENIOR_MANAGER), 404, 404),
                new Case(TestTokens.tokenInTeam("sm-53", "Team 52", Role.SENIOR_MANAGER), 404, 200),
                new Case(TestTokens.token("sw-1", Role.SOCIAL_WORKER), 403, 403),
                new Case(TestTokens.token("rep-1", Role.REPORTING), 403, 403),
                new Case(TestTokens.token("adm-1", Role.ADMIN), 403, 403),
                new Case(null, 401, 401));
        for (Case c : matrix) {
            Api.Call a = api.get("/api/v1/good-practice/" + named.value(), c.token());
            Api.Call b = api.get("/api/v1/good-practice/" + unnamed.value(), c.token());
            assertThat(a.status()).as("named alert, " + a).isEqualTo(c.named());
            assertThat(b.status()).as("unnamed alert, " + b).isEqualTo(c.unnamed());
        }
    }
}
