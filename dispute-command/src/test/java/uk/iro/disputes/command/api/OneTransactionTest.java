package uk.iro.disputes.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER;

import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.command.api.Api.Call;

/**
 * A request is one transaction: the Idempotency-Key's claim, the events and the remembered answer commit together
 * or not at all. Axon's unit of work must not commit the connection on its own when its events are appended (its
 * unit-of-work-aware connection wrapper does exactly that), or a failure after the append would leave events
 * recorded for a request the caller was told had failed.
 */
class OneTransactionTest extends CommandServiceTest {
    private final String iro = TestTokens.token("iro-17", IRO);

    private long events(String id) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id").param("id", id)
                .query(Long.class).single();
    }

    @Test
    void aFailureAfterTheEventsAreAppendedLeavesNoEventBehind() {
        String id = api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally("CASE-T1")).disputeId();
        long before = events(id);
        String key = "one-transaction-" + System.nanoTime();
        String trigger = "fail_" + key.replace('-', '_');
        // Remembering the answer is the request's last write, after the aggregate's events are appended.
        jdbc.sql("""
                CREATE FUNCTION %s() RETURNS trigger AS $$ BEGIN
                  IF NEW.idempotency_key = '%s' AND NEW.body IS NOT NULL THEN RAISE EXCEPTION 'injected failure'; END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql""".formatted(trigger, key)).update();
        jdbc.sql("CREATE TRIGGER %s BEFORE UPDATE ON idempotency_key FOR EACH ROW EXECUTE FUNCTION %s()"
                .formatted(trigger, trigger)).update();
        Call responded;
        try {
            responded = api.post("/api/v1/disputes/" + id + "/respond", TestTokens.token("sm-5", SENIOR_MANAGER),
                    Requests.respond("stage-1"), Map.of("Idempotency-Key", key));
        } finally {
            jdbc.sql("DROP TRIGGER %s ON idempotency_key".formatted(trigger)).update();
            jdbc.sql("DROP FUNCTION %s()".formatted(trigger)).update();
        }

        assertThat(responded.status()).as(responded.toString()).isGreaterThanOrEqualTo(500);
        assertThat(events(id)).as("events of a request that failed").isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_key WHERE idempotency_key = :k").param("k", key)
                .query(Long.class).single()).as("the key's claim").isZero();

        // And the same request succeeds afterwards, once.
        Call again = api.post("/api/v1/disputes/" + id + "/respond", TestTokens.token("sm-5", SENIOR_MANAGER),
                Requests.respond("stage-1"), Map.of("Idempotency-Key", key));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(events(id)).isEqualTo(before + again.json().get("eventsAppended").asLong());
    }
}
