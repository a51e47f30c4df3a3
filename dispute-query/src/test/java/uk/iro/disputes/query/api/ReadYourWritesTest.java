package uk.iro.disputes.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.query.support.Api;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;
import uk.iro.disputes.query.support.TestTokens;

/** A client that got version V from the command API asks with minVersion=V and sees at least V. */
class ReadYourWritesTest extends QueryServiceTest {

    @Test
    void waitsForTheProjectionToReachTheVersionAskedFor() {
        awaitCaughtUp();
        Ladder d = ladder("wakefield").on(LocalDate.of(2026, 3, 2)).raise(Track.INFORMAL).escalate(null);

        // Straight after the write, without waiting in the test.
        Api.Call call = api.get("/api/v1/disputes/" + d.idValue() + "?minVersion=" + d.version(), auditor());

        assertThat(call.status()).as(call.toString()).isEqualTo(200);
        assertThat(call.json().get("version").asLong()).isEqualTo(d.version());
        assertThat(call.json().at("/currentStage/key").asText()).isEqualTo("stage-1");
    }

    @Test
    void aVersionNotReachedInTimeIsA503WithARetryHint() {
        Ladder d = ladder("wakefield").on(LocalDate.of(2026, 3, 2)).raise(Track.INFORMAL);
        awaitProjected(d);

        long started = System.nanoTime();
        Api.Call call = api.get("/api/v1/disputes/" + d.idValue() + "?minVersion=" + (d.version() + 1), auditor());
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(call.status()).isEqualTo(503);
        assertThat(call.header("content-type")).startsWith("application/problem+json");
        assertThat(call.header("retry-after")).isEqualTo("1");
        assertThat(call.json().get("type").asText()).isEqualTo("urn:iro-disputes:problem:projection-behind");
        assertThat(call.json().get("projectedVersion").asLong()).isEqualTo(d.version());
        assertThat(waitedMillis).isBetween(MIN_VERSION_WAIT.toMillis() - 100, MIN_VERSION_WAIT.toMillis() + 10_000);
    }

    @Test
    void aNegativeVersionIsABadParameter() {
        Api.Call call = api.get("/api/v1/disputes/whatever?minVersion=-1", auditor());

        assertThat(call.status()).isEqualTo(400);
        assertThat(call.firstBadField()).isEqualTo("minVersion");
    }

    private static String auditor() {
        return TestTokens.token("auditor-1", Role.AUDITOR);
    }
}
