package uk.iro.disputes.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.iro.disputes.command.api.Api.Call;
import uk.iro.disputes.command.audit.StoredChain;

/** Retries, stale versions and racing writers: nothing is appended twice and the stream stays intact. */
class IdempotencyAndConcurrencyTest extends CommandServiceTest {
    @Autowired
    StoredChain chain;

    private final String iro = TestTokens.token("iro-17", IRO);

    private long eventCount(String id) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id")
                .param("id", id).query(Long.class).single();
    }

    private long idempotencyRows(String key) {
        return jdbc.sql("SELECT count(*) FROM idempotency_key WHERE idempotency_key = :key")
                .param("key", key).query(Long.class).single();
    }

    @Test
    void aRetriedRaiseWithTheSameKeyAnswersTheFirstDisputeAndAppendsNothing() {
        String key = UUID.randomUUID().toString();
        String caseId = "CASE-" + key.substring(0, 8);
        String body = Requests.raiseWakefieldFormally(caseId);
        Call first = api.post("/api/v1/disputes", iro, body, Map.of("Idempotency-Key", key));
        Call retry = api.post("/api/v1/disputes", iro, body, Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.disputeId()).isEqualTo(first.disputeId());
        assertThat(retry.version()).isEqualTo(first.version());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(eventCount(first.disputeId())).isEqualTo(3);
        long disputesForChild = jdbc.sql("""
                        SELECT count(*) FROM domainevententry
                        WHERE payloadtype LIKE '%DisputeRaised' AND convert_from(payload, 'UTF8') LIKE :child""")
                .param("child", "%\"" + caseId + "\"%").query(Long.class).single();
        assertThat(disputesForChild).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndAppendsNothing() {
        String key = UUID.randomUUID().toString();
        Call first = api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally("CASE-I2"),
                Map.of("Idempotency-Key", key));
        String id = first.disputeId();
        Call respond = api.post("/api/v1/disputes/" + id + "/respond", TestTokens.token("sm-5", SENIOR_MANAGER),
                Requests.respond("stage-1"), Map.of("Idempotency-Key", key));
        Call otherBody = api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally("CASE-I3"),
                Map.of("Idempotency-Key", key));

        // Keys belong to the caller: another caller may use the same key for their own request.
        assertThat(respond.status()).isEqualTo(200);
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.header("Content-Type")).startsWith("application/problem+json");
        assertThat(otherBody.json().get("type").asText()).isEqualTo("urn:iro-disputes:problem:idempotency-key-reused");
        assertThat(eventCount(id)).isEqualTo(4);
    }

    @Test
    void aRejectedCommandDoesNotBindItsKey() {
        String id = api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally("CASE-I4")).disputeId();
        String key = UUID.randomUUID().toString();
        Call wrongStage = api.post("/api/v1/disputes/" + id + "/escalate", iro, Requests.escalate("stage-3"),
                Map.of("Idempotency-Key", key));
        assertThat(wrongStage.status()).isEqualTo(409);
        assertThat(idempotencyRows(key)).isZero();
        Call corrected = api.post("/api/v1/disputes/" + id + "/escalate", iro, Requests.escalate("stage-3"),
                Map.of("Idempotency-Key", key));
        assertThat(corrected.status()).isEqualTo(409);
    }

    @Test
    void ifMatchIsHonouredAndAStaleVersionIs412() {
        Call raised = api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally("CASE-I5"));
        String id = raised.disputeId();
        String etag = raised.header("ETag");

        Call stale = api.post("/api/v1/disputes/" + id + "/escalate", iro, Requests.escalate("stage-1"),
                Map.of("If-Match", "\"1\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        assertThat(eventCount(id)).isEqualTo(3);

        Call current = api.post("/api/v1/disputes/" + id + "/escalate", iro, Requests.escalate("stage-1"),
                Map.of("If-Match", etag));
        assertThat(current.status()).as(current.toString()).isEqualTo(200);
        assertThat(current.header("ETag")).isEqualTo("\"" + current.version() + "\"");
    }

    @Test
    void ofParallelConflictingCommandsExactlyOneSucceedsAndTheStreamStaysIntact() throws Exception {
        String id = api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally("CASE-I6")).disputeId();
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Call>> calls = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String respondent = TestTokens.token("sm-" + (10 + i), SENIOR_MANAGER);
            Callable<Call> answer = () -> {
                start.await();
                return api.post("/api/v1/disputes/" + id + "/respond", respondent, Requests.respond("stage-1"));
            };
            calls.add(pool.submit(answer));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Call> call : calls) {
            statuses.add(call.get().status());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 409);
        assertThat(eventCount(id)).isEqualTo(4);
        assertThat(chain.verify(id)).isEmpty();
    }

    @Test
    void racingRetriesOfOneKeyAppendOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = Requests.raiseWakefieldFormally("CASE-I7");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Call>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(pool.submit(() -> {
                start.await();
                return api.post("/api/v1/disputes", iro, body, Map.of("Idempotency-Key", key));
            }));
        }
        start.countDown();
        List<String> ids = new ArrayList<>();
        for (Future<Call> call : calls) {
            Call c = call.get();
            assertThat(c.status()).as(c.toString()).isEqualTo(201);
            ids.add(c.disputeId());
        }
        pool.shutdown();
        assertThat(ids).containsOnly(ids.get(0));
        assertThat(eventCount(ids.get(0))).isEqualTo(3);
    }
}
