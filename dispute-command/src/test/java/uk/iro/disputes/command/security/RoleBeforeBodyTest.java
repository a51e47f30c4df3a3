package uk.iro.disputes.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.AUDITOR;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.REPORTING;
import static uk.iro.disputes.kernel.dispute.Role.SOCIAL_WORKER;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.command.api.Api.Call;
import uk.iro.disputes.command.api.CommandServiceTest;
import uk.iro.disputes.command.api.Requests;
import uk.iro.disputes.command.api.TestTokens;

/** A caller whose roles may not take a step is refused before anything about the request is looked at. */
class RoleBeforeBodyTest extends CommandServiceTest {

    @Test
    void aRoleThatMayNotTakeTheStepGets403EvenForAnInvalidBodyOrId() {
        Call resolve = api.post("/api/v1/disputes/no-such-dispute/resolve", TestTokens.token("aud-1", AUDITOR), "{}");
        Call respond = api.post("/api/v1/disputes/bad%20id!/respond", TestTokens.token("iro-17", IRO), "not json");
        Call raise = api.post("/api/v1/disputes", TestTokens.token("rep-1", REPORTING), "[]");
        assertThat(resolve.status()).isEqualTo(403);
        assertThat(respond.status()).isEqualTo(403);
        assertThat(raise.status()).isEqualTo(403);
        assertThat(resolve.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void aRememberedAnswerIsNotReplayedToACallerNoLongerAllowedTheStep() {
        String key = UUID.randomUUID().toString();
        String body = Requests.raiseWakefieldFormally("CASE-RB1");
        Call first = api.post("/api/v1/disputes", TestTokens.token("iro-41", IRO), body,
                Map.of("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(201);
        Call replayAsOtherRole = api.post("/api/v1/disputes", TestTokens.token("iro-41", SOCIAL_WORKER), body,
                Map.of("Idempotency-Key", key));
        assertThat(replayAsOtherRole.status()).isEqualTo(403);
    }
}
