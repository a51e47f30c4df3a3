package uk.iro.disputes.command.roundtrips;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER;
import static uk.iro.disputes.kernel.dispute.Role.SYSTEM;

import java.time.Duration;
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
import uk.iro.disputes.command.audit.StoredChain;
import uk.iro.disputes.command.roundtrips.StatementCounting.RoundTrip;

/**
 * How many round trips to PostgreSQL one command costs, counted above the connection pool: every statement and the
 * commit. Each one holds the pooled connection longer (issue 8's benchmark), so a new one must be a deliberate choice.
 */
@Import(StatementCounting.class)
class CommandRoundTripsTest extends CommandServiceTest {
    private static final String EVENTS_OF_AGGREGATE = "FROM DomainEventEntry WHERE aggregateIdentifier = ?";

    @Autowired
    StatementCounting.Recorder recorder;
    @Autowired
    StoredChain chain;

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
     * Was 10 before issue 8's changes: version, stream type, snapshot, two event reads (the second one empty), the
     * previous event's hash, the insert, the version again, the commit.
     */
    @Test
    void aRespondCommandCostsOneStreamQueryTheLoadOneInsertAndTheCommit() {
        String id = raised();
        Call[] answer = new Call[1];
        List<RoundTrip> trips = tripsOf(() -> answer[0] = api.post("/api/v1/disputes/" + id + "/respond",
                seniorManager, Requests.respond("stage-1")));

        assertThat(answer[0].status()).as(answer[0].toString()).isEqualTo(200);
        assertThat(trips).as("round trips of one respond command: %s", trips).hasSize(4);
        assertThat(trips.get(0).sql()).as("version and stream type, together")
                .contains("max(sequencenumber)").contains("sequencenumber = 0");
        assertThat(trips.get(1).sql()).as("the aggregate's events, with no empty batch read after them")
                .contains(EVENTS_OF_AGGREGATE);
        assertThat(trips.get(2).sql()).as("the append").startsWith("BATCH INSERT INTO DomainEventEntry");
        assertThat(trips.get(3).sql()).isEqualTo("COMMIT");
        assertThat(trips).as("no snapshot read, no hash read back, no version read after")
                .noneMatch(t -> t.sql().toLowerCase().contains("snapshotevententry"))
                .noneMatch(t -> t.sql().toLowerCase().startsWith("select metadata"))
                .filteredOn(t -> t.sql().contains("max(sequencenumber)")).hasSize(1);
    }

    /**
     * The scheduler's batch: its streams read in one query, its events appended in one JDBC batch, one commit,
     * however many deadlines it holds (three each per deadline before issue 8's batch reads).
     */
    @Test
    void aBatchOfDeadlinesCostsOneStreamQueryOneInsertBatchAndTheCommit() {
        List<String> ids = List.of(raised(), raised(), raised());
        String deadlines = ids.stream().map(id -> """
                {"kind":"STAGE_OVERDUE","disputeId":"%s","stage":"stage-1","dueDate":"%s"}""".formatted(id,
                dueDateOfLastStage(id))).collect(java.util.stream.Collectors.joining(","));
        clock.advance(Duration.ofDays(10));
        Call[] answer = new Call[1];
        List<RoundTrip> trips = tripsOf(() -> answer[0] = api.post("/internal/v1/deadlines",
                TestTokens.token("deadline-scheduler", SYSTEM), "{\"deadlines\":[" + deadlines + "]}"));

        assertThat(answer[0].status()).as(answer[0].toString()).isEqualTo(200);
        assertThat(answer[0].json().get("results").findValues("eventsAppended")).extracting(n -> n.asInt())
                .containsExactly(1, 1, 1);
        assertThat(trips).as("round trips of a batch of three deadlines: %s", trips).hasSize(3);
        assertThat(trips.get(0).sql()).as("every stream, in one query").contains("= ANY(?)")
                .contains("ORDER BY aggregateIdentifier, sequenceNumber");
        assertThat(trips.get(1).sql()).startsWith("BATCH INSERT INTO DomainEventEntry");
        assertThat(trips.get(2).sql()).isEqualTo("COMMIT");
        ids.forEach(id -> assertThat(chain.verify(id)).as("hash chain of %s", id).isEmpty());
    }

    @Test
    void anIdempotencyKeyAddsItsClaimAndItsAnswer() {
        String id = raised();
        String key = UUID.randomUUID().toString();
        List<RoundTrip> trips = tripsOf(() -> assertThat(api.post("/api/v1/disputes/" + id + "/respond",
                seniorManager, Requests.respond("stage-1"), Map.of("Idempotency-Key", key)).status()).isEqualTo(200));

        assertThat(trips).as("round trips of one respond command with a key: %s", trips).hasSize(6);
        assertThat(trips.get(0).sql()).contains("INSERT INTO idempotency_key");
        assertThat(trips.get(4).sql()).contains("UPDATE idempotency_key");
        assertThat(trips.get(5).sql()).isEqualTo("COMMIT");
    }

    /** Axon reads an aggregate's events 100 at a time: a longer stream is read in full, and no further. */
    @Test
    void aStreamLongerThanOneBatchIsLoadedWhole() {
        String id = raised();
        String meeting = """
                {"heldOn":"%s","attendeeRoles":["IRO","SENIOR_MANAGER"],"outcome":"ACTIONS_AGREED",
                 "summary":"School place to be sought."}""".formatted(java.time.LocalDate.now());
        for (int i = 0; i < 100; i++) {
            Call recorded = api.post("/api/v1/disputes/" + id + "/meetings", iro, meeting);
            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        }
        Call[] answer = new Call[1];
        List<RoundTrip> trips = tripsOf(() -> answer[0] = api.post("/api/v1/disputes/" + id + "/respond",
                seniorManager, Requests.respond("stage-1"), Map.of("If-Match", "\"102\"")));

        assertThat(answer[0].status()).as("a load that stopped early would append at a taken sequence number: %s",
                answer[0]).isEqualTo(200);
        assertThat(answer[0].version()).isEqualTo(103);
        assertThat(trips).filteredOn(t -> t.sql().contains(EVENTS_OF_AGGREGATE)).as("%s", trips).hasSize(2);
        assertThat(chain.verify(id)).isEmpty();
    }
}
