package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.query.support.Api;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;

/**
 * An event the projection cannot handle parks its dispute's stream in the dead-letter queue; every other dispute
 * goes on, no half of the failed event is left in the read model, and a retry after the fix catches up in order.
 */
class DeadLetterTest extends QueryServiceTest {

    @Test
    void aFailingDisputeIsParkedAloneAndCatchesUpOnRetry() {
        Ladder broken = ladder("birmingham").at(Instant.now()).raise(Track.FORMAL);
        awaitProjected(broken);
        long before = broken.version();
        failFor(broken);

        broken.respond(StaffReference.of("tm-8", Role.TEAM_MANAGER), "Agreed.").legalAdvice();
        Ladder other = ladder("birmingham").at(Instant.now()).raise(Track.FORMAL);

        awaitProjected(other);
        await("the broken dispute's events to be parked", () -> parked(broken) == 2);
        assertThat(rowVersion(broken)).as("nothing of the failed event is left").isEqualTo(before);
        JsonNode parked = disputeIn(status().get("deadLetters"), broken);
        assertThat(parked.get("events").asLong()).isEqualTo(2);
        assertThat(parked.get("firstSequence").asLong()).isEqualTo(before + 1);
        assertThat(parked.get("cause").asText()).contains("injected failure");

        JsonNode stillFailing = retry();
        assertThat(parked(broken)).isEqualTo(2);
        assertThat(disputeIn(stillFailing.get("deadLetters"), broken)).isNotNull();
        assertThat(rowVersion(broken)).isEqualTo(before);

        failures.heal(broken.idValue());
        JsonNode healed = retry();

        assertThat(healed.get("retriedSequences").asInt()).isPositive();
        assertThat(parked(broken)).isZero();
        assertThat(rowVersion(broken)).isEqualTo(broken.version());
        assertThat(jdbc.sql("SELECT state FROM disputes_query.dispute WHERE dispute_id = :id")
                .param("id", broken.idValue()).query(String.class).single()).isEqualTo(StateJson.write(broken.state()));

        broken.childInformed();
        awaitProjected(broken);
    }

    private JsonNode retry() {
        Api.Call call = api.post("/api/v1/admin/projection/dead-letters/retry", admin(), null);
        assertThat(call.status()).as(call.toString()).isEqualTo(200);
        return call.json();
    }

    private JsonNode status() {
        return api.get("/api/v1/admin/projection", admin()).json();
    }

    private static JsonNode disputeIn(JsonNode deadLetters, Ladder d) {
        for (JsonNode p : deadLetters.get("disputes")) {
            if (p.get("disputeId").asText().equals(d.idValue())) {
                return p;
            }
        }
        return null;
    }


}
