package uk.iro.disputes.scheduler.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.scheduler.command.CommandPort.Outcome;

/**
 * Deadlines fired together by many threads go out in few requests, and each thread gets its own deadline's
 * outcome; against a real HTTP server standing in for dispute-command's batch endpoint, which answers per deadline
 * by its dispute id: {@code gone-*} 404, {@code race-*} a concurrent change, anything else 200.
 */
class BatchingCommandPortTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DUE = LocalDate.of(2026, 3, 9);

    private final List<String> batchBodies = new CopyOnWriteArrayList<>();
    private final List<String> singlePaths = new CopyOnWriteArrayList<>();
    private final AtomicInteger batchStatus = new AtomicInteger(200);
    private HttpServer server;
    private BatchingCommandPort port;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::answer);
        server.start();
        HttpCommandPort http = new HttpCommandPort(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "system-token", Duration.ofSeconds(5));
        port = new BatchingCommandPort(http, 50, Duration.ofMillis(50), 2, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        port.close();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer;
            int status;
            if (path.equals("/internal/v1/deadlines")) {
                batchBodies.add(body);
                status = batchStatus.get();
                List<Map<String, Object>> results = new ArrayList<>();
                for (JsonNode d : JSON.readTree(body).get("deadlines")) {
                    String id = d.get("disputeId").asText();
                    results.add(id.startsWith("gone-")
                            ? Map.of("disputeId", id, "status", 404, "type", "urn:iro-disputes:problem:dispute-not-found")
                            : id.startsWith("race-")
                            ? Map.of("disputeId", id, "status", 409, "type", "urn:iro-disputes:problem:concurrent-change")
                            : Map.of("disputeId", id, "status", 200, "version", 4, "eventsAppended", 1));
                }
                answer = status == 200 ? JSON.writeValueAsString(Map.of("results", results)) : "{\"status\":" + status + "}";
            } else {
                singlePaths.add(path);
                status = 200;
                answer = "{\"disputeId\":\"x\",\"version\":4,\"eventsAppended\":1}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private Map<String, Outcome> fireTogether(List<String> ids) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(ids.size());
        try {
            Map<String, Future<Outcome>> futures = new ConcurrentHashMap<>();
            for (String id : ids) {
                futures.put(id, threads.submit(() -> id.startsWith("breach-")
                        ? port.recordStatutoryTimescaleBreached(id) : port.recordStageOverdue(id, "stage-2", DUE)));
            }
            Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
            for (var e : futures.entrySet()) {
                outcomes.put(e.getKey(), e.getValue().get());
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void deadlinesFiredTogetherGoInFewRequestsAndEachCallerGetsItsOwnOutcome() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add("d-" + i);
        }
        ids.addAll(List.of("gone-1", "race-1", "breach-1"));

        Map<String, Outcome> outcomes = fireTogether(ids);

        assertThat(outcomes.get("gone-1")).isEqualTo(Outcome.NOTHING_TO_DO);
        assertThat(outcomes.get("race-1")).as("a lost race is sent again").isEqualTo(Outcome.RETRY);
        assertThat(outcomes.get("breach-1")).isEqualTo(Outcome.DONE);
        assertThat(ids.stream().filter(id -> id.startsWith("d-")).map(outcomes::get)).containsOnly(Outcome.DONE);
        assertThat(batchBodies).as("33 deadlines in few requests").hasSizeBetween(1, 8);
        assertThat(singlePaths).isEmpty();
        int sent = 0;
        for (String body : batchBodies) {
            JsonNode deadlines = JSON.readTree(body).get("deadlines");
            sent += deadlines.size();
            for (JsonNode d : deadlines) {
                if (d.get("disputeId").asText().startsWith("breach-")) {
                    assertThat(d.get("kind").asText()).isEqualTo("STATUTORY_TIMESCALE_BREACHED");
                    assertThat(d.has("stage")).isFalse();
                } else {
                    assertThat(d.get("kind").asText()).isEqualTo("STAGE_OVERDUE");
                    assertThat(d.get("stage").asText()).isEqualTo("stage-2");
                    assertThat(d.get("dueDate").asText()).isEqualTo("2026-03-09");
                }
            }
        }
        assertThat(sent).as("each deadline sent once").isEqualTo(ids.size());
    }

    /**
     * Two deadlines of one dispute never share a batch: dispute-command, coming back within one transaction to a
     * dispute it has already written, could deadlock with another batch (see BatchingCommandPort).
     */
    @Test
    void aBatchHoldsAtMostOneDeadlineOfADispute() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String id = "both-" + i;
                futures.add(threads.submit(() -> port.recordStageOverdue(id, "stage-2", DUE)));
                futures.add(threads.submit(() -> port.recordStatutoryTimescaleBreached(id)));
                futures.add(threads.submit(() -> port.recordStageDueSoon(id, "stage-2", DUE)));
            }
            for (Future<Outcome> future : futures) {
                assertThat(future.get()).isEqualTo(Outcome.DONE);
            }
        } finally {
            threads.shutdownNow();
        }
        List<String> sent = new ArrayList<>();
        for (String body : batchBodies) {
            List<String> ids = new ArrayList<>();
            JSON.readTree(body).get("deadlines").forEach(d -> ids.add(d.get("disputeId").asText() + "/"
                    + d.get("kind").asText()));
            assertThat(ids.stream().map(id -> id.substring(0, id.indexOf('/')))).as(body).doesNotHaveDuplicates();
            sent.addAll(ids);
        }
        assertThat(sent).as("every deadline sent once").hasSize(12).doesNotHaveDuplicates();
        assertThat(batchBodies).as("three deadlines of each dispute need three batches at least").hasSizeGreaterThan(2);
    }

    @Test
    void aBatchRefusedWholeAsMalformedOrUnknownIsSentOneByOne() throws Exception {
        for (int refused : new int[] {400, 404}) {
            batchStatus.set(refused);
            singlePaths.clear();
            Map<String, Outcome> outcomes = fireTogether(List.of("a-" + refused, "breach-" + refused));
            assertThat(outcomes).as("%s", refused).containsOnlyKeys("a-" + refused, "breach-" + refused)
                    .allSatisfy((id, outcome) -> assertThat(outcome).isEqualTo(Outcome.DONE));
            assertThat(singlePaths).containsExactlyInAnyOrder(
                    "/internal/v1/disputes/a-" + refused + "/stage-overdue",
                    "/internal/v1/disputes/breach-" + refused + "/statutory-timescale-breached");
        }
    }

    @Test
    void aBatchTheServiceCannotTakeIsRetriedWhole() throws Exception {
        for (int status : new int[] {401, 500, 503}) {
            batchStatus.set(status);
            assertThat(fireTogether(List.of("a-" + status, "b-" + status)).values()).as("%s", status)
                    .containsOnly(Outcome.RETRY);
        }
        server.stop(0);
        assertThat(port.recordStageOverdue("d-1", "stage-2", DUE)).as("unreachable").isEqualTo(Outcome.RETRY);
        assertThat(singlePaths).isEmpty();
    }
}
