package uk.iro.disputes.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.SYSTEM;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.iro.disputes.command.api.Api.Call;
import uk.iro.disputes.command.application.DeadlineBatch;
import uk.iro.disputes.command.application.DisputeCommands;
import uk.iro.disputes.command.audit.StoredChain;
import uk.iro.disputes.command.security.Caller;
import uk.iro.disputes.command.security.StepRoles;
import uk.iro.disputes.kernel.command.RecordStageOverdue;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * The scheduler's batch of deadlines: each deadline is the same command as its single endpoint, answered with its
 * own status, all in one transaction. A batch accepted whole runs once; one with a refused or failing deadline runs
 * again with a savepoint each, so that deadline (even one failing inside PostgreSQL) is undone alone.
 */
class DeadlineBatchTest extends CommandServiceTest {
    @Autowired
    MeterRegistry meters;
    @Autowired
    DeadlineBatch deadlineBatch;
    @Autowired
    StoredChain chain;

    private double appended(String type) {
        var counter = meters.find("iro.events.appended").tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    private double batches(String path) {
        return meters.get("iro.deadline.batches").tag("path", path).counter().count();
    }

    private final String iro = TestTokens.token("iro-17", IRO);
    private final String system = TestTokens.token("deadline-scheduler", SYSTEM);

    private String raise(String caseId) {
        return api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally(caseId)).disputeId();
    }


    private List<String> eventTypes(String id) {
        return jdbc.sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = :id ORDER BY sequencenumber")
                .param("id", id).query(String.class).list().stream()
                .map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    private static String overdue(String id, String due) {
        return """
                {"kind":"STAGE_OVERDUE","disputeId":"%s","stage":"stage-1","dueDate":"%s"}""".formatted(id, due);
    }

    private Call send(String token, String... deadlines) {
        return api.post("/internal/v1/deadlines", token, "{\"deadlines\":[" + String.join(",", deadlines) + "]}");
    }

    @Test
    void eachDeadlineIsAnsweredAsItsOwnRequestWouldBeAndRecordedOnce() {
        String a = raise("CASE-B1");
        String b = raise("CASE-B2");
        String dueA = dueDateOfLastStage(a);
        String dueB = dueDateOfLastStage(b);
        clock.advance(Duration.ofDays(10));
        double onePass = batches("one-pass");
        double withSavepoints = batches("savepoints");
        double overdueAppended = appended("StageOverdue");

        Call first = send(system,
                overdue(a, dueA),
                overdue(b, "2020-01-01"), // not the stage's due date: nothing to record
                overdue("no-such-dispute-b3", dueA),
                overdue(a, dueA), // the same dispute again, in the same transaction: already recorded
                overdue(b, dueB));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode results = first.json().get("results");
        assertThat(results).hasSize(5);
        assertThat(results.get(0).get("disputeId").asText()).isEqualTo(a);
        assertThat(results.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(results.get(0).get("eventsAppended").asInt()).isEqualTo(1);
        assertThat(results.get(1).get("eventsAppended").asInt()).isZero();
        assertThat(results.get(2).get("status").asInt()).isEqualTo(404);
        assertThat(results.get(2).get("type").asText()).isEqualTo("urn:iro-disputes:problem:dispute-not-found");
        assertThat(results.get(3).get("status").asInt()).isEqualTo(200);
        assertThat(results.get(3).get("eventsAppended").asInt()).isZero();
        assertThat(results.get(4).get("eventsAppended").asInt()).isEqualTo(1);
        assertThat(results.get(4).get("version").asLong()).isEqualTo(eventTypes(b).size() - 1);
        assertThat(eventTypes(a)).endsWith("StageOverdue").filteredOn("StageOverdue"::equals).hasSize(1);
        assertThat(eventTypes(b)).endsWith("StageOverdue").filteredOn("StageOverdue"::equals).hasSize(1);
        assertThat(batches("savepoints")).as("a refused deadline: run again with savepoints")
                .isEqualTo(withSavepoints + 1);
        assertThat(batches("one-pass")).isEqualTo(onePass);
        assertThat(appended("StageOverdue")).as("what the first, rolled-back run appended is not counted")
                .isEqualTo(overdueAppended + 2);

        // Sent again (an answer lost on the way back): nothing is recorded twice, and nothing is refused, so the
        // batch runs once, without savepoints.
        Call again = send(system, overdue(a, dueA), overdue(b, dueB));
        assertThat(again.json().get("results").findValues("eventsAppended")).extracting(JsonNode::asInt)
                .containsExactly(0, 0);
        assertThat(eventTypes(a)).filteredOn("StageOverdue"::equals).hasSize(1);
        assertThat(batches("one-pass")).isEqualTo(onePass + 1);
        assertThat(batches("savepoints")).isEqualTo(withSavepoints + 1);
    }

    /**
     * A batch reads its disputes' streams in one query before its first deadline and appends in one JDBC batch after
     * its last. Here another request records a meeting on the second dispute after that read, while the first
     * deadline is being handled: the pass's append of the second deadline then collides with the meeting, the pass
     * fails, and the batch runs again with savepoints, reading the streams afresh, so the deadline is recorded after
     * the meeting and nothing is lost or refused.
     */
    @Test
    void aCommandCommittedAfterTheBatchReadItsStreamsIsKeptAndTheDeadlineRecordedAfterIt() {
        String a = raise("CASE-B9");
        String b = raise("CASE-B10");
        LocalDate dueA = LocalDate.parse(dueDateOfLastStage(a));
        LocalDate dueB = LocalDate.parse(dueDateOfLastStage(b));
        clock.advance(Duration.ofDays(10));
        double onePass = batches("one-pass");
        double withSavepoints = batches("savepoints");
        String meeting = """
                {"heldOn":"%s","attendeeRoles":["IRO","SENIOR_MANAGER"],"outcome":"ACTIONS_AGREED",
                 "summary":"Placement review brought forward."}""".formatted(LocalDate.now(clock));
        AtomicBoolean raced = new AtomicBoolean();
        Caller scheduler = new Caller("deadline-scheduler", Set.of(SYSTEM), null);

        List<DeadlineBatch.Outcome> outcomes = deadlineBatch.execute(List.of(
                () -> new DisputeCommands.Request("RecordStageOverdue", a, false, scheduler, StepRoles.SCHEDULER,
                        actor -> {
                            if (raced.compareAndSet(false, true)) {
                                // Another request, on its own thread and in its own transaction, commits first.
                                Call recorded = CompletableFuture.supplyAsync(() -> api.post(
                                        "/api/v1/disputes/" + b + "/meetings", iro, meeting)).join();
                                assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
                            }
                            return new RecordStageOverdue(DisputeId.of(a), StageKey.of("stage-1"), dueA);
                        }, null, null, null, "race-a"),
                () -> new DisputeCommands.Request("RecordStageOverdue", b, false, scheduler, StepRoles.SCHEDULER,
                        actor -> new RecordStageOverdue(DisputeId.of(b), StageKey.of("stage-1"), dueB),
                        null, null, null, "race-b")));

        assertThat(outcomes).extracting(o -> o.answer() == null ? o.refusal().toString() : o.answer().status())
                .containsExactly(200, 200);
        assertThat(outcomes.get(1).answer().result().eventsAppended()).isEqualTo(1);
        assertThat(eventTypes(b)).as("the meeting kept, the deadline after it").endsWith("DisputeResolutionMeetingRecorded",
                "StageOverdue");
        assertThat(eventTypes(a)).endsWith("StageOverdue").filteredOn("StageOverdue"::equals).hasSize(1);
        assertThat(chain.verify(a)).isEmpty();
        assertThat(chain.verify(b)).isEmpty();
        assertThat(batches("savepoints")).as("the pass failed at its append").isEqualTo(withSavepoints + 1);
        assertThat(batches("one-pass")).isEqualTo(onePass);
    }

    /** A failure inside PostgreSQL aborts the transaction; the savepoint undoes that deadline alone. */
    @Test
    void aDeadlineThatFailsInTheDatabaseIsUndoneAloneAndAnsweredAsWorthSendingAgain() {
        String a = raise("CASE-B4");
        String poisoned = raise("CASE-B5");
        String c = raise("CASE-B6");
        String due = dueDateOfLastStage(a);
        clock.advance(Duration.ofDays(10));
        String trigger = "fail_" + poisoned.replace('-', '_');
        jdbc.sql("""
                CREATE FUNCTION %s() RETURNS trigger AS $$ BEGIN
                  IF NEW.aggregateidentifier = '%s' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW;
                END $$ LANGUAGE plpgsql""".formatted(trigger, poisoned)).update();
        jdbc.sql("CREATE TRIGGER %s BEFORE INSERT ON domainevententry FOR EACH ROW EXECUTE FUNCTION %s()"
                .formatted(trigger, trigger)).update();
        Call call;
        try {
            call = send(system, overdue(a, due), overdue(poisoned, dueDateOfLastStage(poisoned)),
                    overdue(c, dueDateOfLastStage(c)));
        } finally {
            jdbc.sql("DROP TRIGGER %s ON domainevententry".formatted(trigger)).update();
            jdbc.sql("DROP FUNCTION %s()".formatted(trigger)).update();
        }

        JsonNode results = call.json().get("results");
        assertThat(results.findValues("status")).extracting(JsonNode::asInt).containsExactly(200, 503, 200);
        assertThat(results.get(1).get("type").asText()).isEqualTo("urn:iro-disputes:problem:unavailable");
        assertThat(eventTypes(a)).endsWith("StageOverdue");
        assertThat(eventTypes(c)).endsWith("StageOverdue");
        assertThat(eventTypes(poisoned)).doesNotContain("StageOverdue");
    }

    @Test
    void aMalformedDeadlineIsA400NamingItAndNothingIsRecorded() {
        String a = raise("CASE-B7");
        String due = dueDateOfLastStage(a);
        clock.advance(Duration.ofDays(10));

        Call missingStage = send(system, overdue(a, due), """
                {"kind":"STAGE_OVERDUE","disputeId":"%s","dueDate":"%s"}""".formatted(a, due));
        assertThat(missingStage.status()).isEqualTo(400);
        assertThat(missingStage.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missingStage.body()).contains("deadlines[1].stage");
        assertThat(eventTypes(a)).doesNotContain("StageOverdue");

        Call badId = send(system, overdue("not a dispute id", due));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.body()).contains("deadlines[0].disputeId");

        Call badKind = send(system, """
                {"kind":"SOMETHING_ELSE","disputeId":"%s"}""".formatted(a));
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.body()).contains("kind");

        assertThat(send(system).status()).as("no deadlines").isEqualTo(400);
    }

    @Test
    void onlyTheSchedulerMaySendDeadlines() {
        String a = raise("CASE-B8");
        Call byIro = send(iro, overdue(a, dueDateOfLastStage(a)));
        assertThat(byIro.status()).isEqualTo(403);
        assertThat(send(null, overdue(a, dueDateOfLastStage(a))).status()).isEqualTo(401);
    }
}
