package uk.iro.disputes.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.audit.HashChain;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.query.support.Api;
import uk.iro.disputes.kernel.calendar.WorkingDays;
import uk.iro.disputes.query.support.RealDispute;
import uk.iro.disputes.query.support.QueryServiceTest;
import uk.iro.disputes.query.support.TestTokens;

/**
 * The auditor's trail and the hash chain of a stream the real dispute-command recorded: intact, then broken by SQL
 * in each way an auditor must notice.
 */
class AuditTest extends QueryServiceTest {
    static final StaffReference TM = StaffReference.of("tm-12", Role.TEAM_MANAGER);

    /** Recorded by the real dispute-command, driven over HTTP, today. */
    private RealDispute walked() {
        return realDispute("birmingham").iro(StaffReference.of("iro-17", Role.IRO)).team("Team 2").child("CASE-77")
                .raise(Track.FORMAL)
                .respond(TM, "Funding agreed for the placement.",
                        new PlannedAction("Confirm the placement", TM, RealDispute.today().plusDays(14)))
                .resolve(ResolutionOutcome.RESOLVED);
    }

    private LocalDate inWorkingDays(int days) {
        return calendar.addWorkingDays(RealDispute.today(), WorkingDays.of(days));
    }

    @Test
    void historyListsEveryEventInOrderWithActorSystemChangeAndHash() {
        RealDispute d = walked();

        Api.Call call = api.get("/api/v1/disputes/" + d.idValue() + "/history", auditor());

        assertThat(call.status()).isEqualTo(200);
        JsonNode events = call.json().get("events");
        assertThat(events).hasSize(5);
        List<java.time.Instant> times = d.times();
        String today = RealDispute.today().toString();
        List<String> lines = new ArrayList<>();
        String previous = HashChain.GENESIS;
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            assertThat(e.get("sequence").asLong()).isEqualTo(i);
            assertThat(e.get("time").asText()).isEqualTo(times.get(i).toString());
            assertThat(e.get("client").asText()).isEqualTo("case-system");
            assertThat(e.get("correlationId").asText()).isNotBlank();
            assertThat(e.get("previousHash").asText()).isEqualTo(previous);
            assertThat(e.get("hash").asText()).hasSize(64);
            assertThat(e.at("/data/disputeId").asText()).isEqualTo(d.idValue());
            previous = e.get("hash").asText();
            lines.add(e.get("type").asText() + " | " + e.at("/actor/subject").asText() + " " + e.at("/actor/role")
                    .asText() + " | " + e.get("change").asText());
        }
        assertThat(lines).containsExactly(
                "DisputeRaised | iro-17 IRO | Raised under policy birmingham version 1 on the formal track for child"
                        + " case CASE-77, team Team 2, IRO iro-17; concerns: HEALTH; after consulting consultee-1"
                        + " (IRO_MANAGER).",
                "FormalProcessStarted | iro-17 IRO | Formal process started at stage-1 on " + today + "; the statutory 20"
                        + " working days end " + inWorkingDays(20) + "; the policy's declared total ends "
                        + inWorkingDays(20) + ".",
                "StageOpened | iro-17 IRO | Formal stage stage-1 (Stage one: Team Manager) opened on " + today + ","
                        + " waiting on a TEAM_MANAGER; due " + inWorkingDays(10) + ".",
                "StageResponseRecorded | tm-12 TEAM_MANAGER | tm-12 (TEAM_MANAGER) responded at stage-1 on " + today
                        + ", planning 1 action.",
                "DisputeResolved | iro-17 IRO | Resolved at stage-1 on " + today + " by iro-17 (IRO); outcome: resolved.");
    }

    @Test
    void historyIsTheAuditorsAlone() {
        RealDispute d = walked();
        String path = "/api/v1/disputes/" + d.idValue() + "/history";

        assertThat(api.get(path, TestTokens.token("iro-17", Role.IRO)).status()).isEqualTo(403);
        assertThat(api.get(path, TestTokens.token("iro-manager-1", Role.IRO_MANAGER)).status()).isEqualTo(403);
        assertThat(api.get(path, TestTokens.token("reporter-1", Role.REPORTING)).status()).isEqualTo(403);
        assertThat(api.get(path, null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/disputes/" + UUID.randomUUID() + "/history", auditor()).status()).isEqualTo(404);
    }

    @Test
    void anUntouchedChainIsIntact() {
        RealDispute d = walked();

        JsonNode v = verify(d);

        assertThat(v.get("intact").asBoolean()).isTrue();
        assertThat(v.get("events").asInt()).isEqualTo(5);
        assertThat(v.has("brokenAt")).isFalse();
    }

    @Test
    void aPayloadChangedBySqlIsReportedAtItsSequence() {
        RealDispute d = walked();
        jdbc.sql("""
                UPDATE disputes_command.domainevententry
                SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'Funding agreed', 'Funding refused'), 'UTF8')
                WHERE aggregateidentifier = :id AND sequencenumber = 3""").param("id", d.idValue()).update();

        JsonNode v = verify(d);

        assertThat(v.get("intact").asBoolean()).isFalse();
        assertThat(v.get("brokenAt").asLong()).isEqualTo(3);
        assertThat(v.get("kind").asText()).isEqualTo("CHANGED");
        assertThat(v.get("reason").asText()).contains("no longer matches its hash");
    }

    @Test
    void anActorChangedBySqlIsReported() {
        RealDispute d = walked();
        jdbc.sql("""
                UPDATE disputes_command.domainevententry
                SET metadata = convert_to(replace(convert_from(metadata, 'UTF8'), '"tm-12"', '"tm-99"'), 'UTF8')
                WHERE aggregateidentifier = :id AND sequencenumber = 3""").param("id", d.idValue()).update();

        JsonNode v = verify(d);

        assertThat(v.get("brokenAt").asLong()).isEqualTo(3);
        assertThat(v.get("kind").asText()).isEqualTo("CHANGED");
    }

    @Test
    void anEventDeletedBySqlIsReportedMissing() {
        RealDispute d = walked();
        jdbc.sql("DELETE FROM disputes_command.domainevententry WHERE aggregateidentifier = :id AND sequencenumber = 2")
                .param("id", d.idValue()).update();

        JsonNode v = verify(d);

        assertThat(v.get("intact").asBoolean()).isFalse();
        assertThat(v.get("brokenAt").asLong()).isEqualTo(2);
        assertThat(v.get("kind").asText()).isEqualTo("MISSING");
    }

    @Test
    void aLastEventDeletedBySqlIsReportedMissingFromWhatTheReadModelSaw() {
        RealDispute d = walked();
        awaitProjected(d);
        jdbc.sql("DELETE FROM disputes_command.domainevententry WHERE aggregateidentifier = :id AND sequencenumber = 4")
                .param("id", d.idValue()).update();

        JsonNode v = verify(d);

        assertThat(v.get("intact").asBoolean()).isFalse();
        assertThat(v.get("brokenAt").asLong()).isEqualTo(4);
        assertThat(v.get("kind").asText()).isEqualTo("MISSING");
        assertThat(v.get("events").asInt()).isEqualTo(4);
    }

    @Test
    void verificationIsTheAuditorsAlone() {
        RealDispute d = walked();
        String path = "/api/v1/disputes/" + d.idValue() + "/verification";

        assertThat(api.get(path, TestTokens.token("iro-17", Role.IRO)).status()).isEqualTo(403);
        assertThat(api.get(path, TestTokens.token("admin-1", Role.ADMIN)).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/disputes/" + UUID.randomUUID() + "/verification", auditor()).status())
                .isEqualTo(404);
    }

    private JsonNode verify(RealDispute d) {
        Api.Call call = api.get("/api/v1/disputes/" + d.idValue() + "/verification", auditor());
        assertThat(call.status()).as(call.toString()).isEqualTo(200);
        return call.json();
    }

    private static String auditor() {
        return TestTokens.token("auditor-1", Role.AUDITOR);
    }
}
