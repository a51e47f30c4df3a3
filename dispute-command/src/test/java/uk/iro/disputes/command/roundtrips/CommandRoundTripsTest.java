package uk.iro.disputes.command.roundtrips;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import uk.iro.disputes.command.api.Api.Call;
import uk.iro.disputes.command.api.CommandServiceTest;
import uk.iro.disputes.command.api.Requests;
import uk.iro.disputes.command.api.TestTokens;
import uk.iro.disputes.command.roundtrips.StatementCounting.RoundTrip;

/**
 * How many round trips to PostgreSQL one command costs, counted above the connection pool: every statement and the
 * commit. Each one holds the pooled connection longer (issue 8's benchmark), so a new one must be a deliberate choice.
 */
@Import(StatementCounting.class)
class CommandRoundTripsTest extends CommandServiceTest {
    @Autowired
    StatementCounting.Recorder recorder;

    private final String iro = TestTokens.token("iro-17", IRO);
    private final String seniorManager = TestTokens.token("sm-5", SENIOR_MANAGER);

    private String raised() {
        return api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally("CASE-RT")).disputeId();
    }

    private List<RoundTrip> tripsOf(Runnable request) {
        recorder.reset();
        request.run();
        return recorder.byRequestThreads();
    }

    /**
     * Was 10 before issue 8's changes: version, stream type, snapshot, two event reads, the previous event's hash,
     * the insert, the version again, the commit.
     */
    @Test
    void aRespondCommandCostsOneStreamQueryTheLoadOneInsertAndTheCommit() {
        String id = raised();
        Call[] answer = new Call[1];
        List<RoundTrip> trips = tripsOf(() -> answer[0] = api.post("/api/v1/disputes/" + id + "/respond",
                seniorManager, Requests.respond("stage-1")));

        assertThat(answer[0].status()).as(answer[0].toString()).isEqualTo(200);
        assertThat(trips).as("round trips of one respond command: %s", trips).hasSize(5);
        assertThat(trips.get(0).sql()).as("version and stream type, together")
                .contains("max(sequencenumber)").contains("sequencenumber = 0");
        // Axon's JDBC engine reads an aggregate's events in batches until one comes back empty.
        assertThat(trips.subList(1, 3)).as("the aggregate's events")
                .allMatch(t -> t.sql().contains("FROM DomainEventEntry WHERE aggregateIdentifier = ?"));
        assertThat(trips.get(3).sql()).as("the append").startsWith("BATCH INSERT INTO DomainEventEntry");
        assertThat(trips.get(4).sql()).isEqualTo("COMMIT");
        assertThat(trips).as("no snapshot read, no hash read back, no version read after")
                .noneMatch(t -> t.sql().toLowerCase().contains("snapshotevententry"))
                .noneMatch(t -> t.sql().toLowerCase().startsWith("select metadata"))
                .filteredOn(t -> t.sql().contains("max(sequencenumber)")).hasSize(1);
    }

    @Test
    void anIdempotencyKeyAddsItsClaimAndItsAnswer() {
        String id = raised();
        String key = UUID.randomUUID().toString();
        List<RoundTrip> trips = tripsOf(() -> assertThat(api.post("/api/v1/disputes/" + id + "/respond",
                seniorManager, Requests.respond("stage-1"), Map.of("Idempotency-Key", key)).status()).isEqualTo(200));

        assertThat(trips).as("round trips of one respond command with a key: %s", trips).hasSize(7);
        assertThat(trips.get(0).sql()).contains("INSERT INTO idempotency_key");
        assertThat(trips.get(5).sql()).contains("UPDATE idempotency_key");
        assertThat(trips.get(6).sql()).isEqualTo("COMMIT");
    }
}
