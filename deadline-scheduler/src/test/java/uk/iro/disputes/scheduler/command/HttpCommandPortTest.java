package uk.iro.disputes.scheduler.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.scheduler.command.CommandPort.Outcome;

/** The HTTP adapter against a real HTTP server standing in for dispute-command's internal API. */
class HttpCommandPortTest {
    record Seen(String method, String path, String authorization, String idempotencyKey, String body) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final java.util.concurrent.atomic.AtomicReference<String> answerBody = new java.util.concurrent.atomic.AtomicReference<>(
            "{\"disputeId\":\"d-1\",\"version\":4,\"eventsAppended\":0}");
    private HttpServer server;
    private HttpCommandPort port;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = answerBody.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        port = new HttpCommandPort(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "system-token",
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void sendsTheOverdueCommandWithTheSystemTokenAndAStableIdempotencyKey() {
        assertThat(port.recordStageOverdue("d-1", "stage-2", LocalDate.of(2026, 3, 9))).isEqualTo(Outcome.DONE);
        assertThat(port.recordStageOverdue("d-1", "stage-2", LocalDate.of(2026, 3, 9))).isEqualTo(Outcome.DONE);
        assertThat(port.recordStageOverdue("d-1", "stage-3", LocalDate.of(2026, 3, 9))).isEqualTo(Outcome.DONE);

        Seen first = seen.get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/internal/v1/disputes/d-1/stage-overdue");
        assertThat(first.authorization()).isEqualTo("Bearer system-token");
        assertThat(first.body()).isEqualTo("{\"stage\":\"stage-2\",\"dueDate\":\"2026-03-09\"}");
        assertThat(seen.get(1).idempotencyKey()).isEqualTo(first.idempotencyKey());
        assertThat(seen.get(2).idempotencyKey()).isNotEqualTo(first.idempotencyKey());
    }

    @Test
    void sendsTheStatutoryBreachCommand() {
        assertThat(port.recordStatutoryTimescaleBreached("d-1")).isEqualTo(Outcome.DONE);
        assertThat(seen.get(0).path()).isEqualTo("/internal/v1/disputes/d-1/statutory-timescale-breached");
        assertThat(seen.get(0).authorization()).isEqualTo("Bearer system-token");
    }

    @Test
    void aPermanentRefusalEndsItButServerErrorsAndAuthProblemsAreRetried() {
        for (int refused : new int[] {400, 404, 409, 422}) {
            status.set(refused);
            assertThat(port.recordStatutoryTimescaleBreached("d-1")).as("%s", refused).isEqualTo(Outcome.NOTHING_TO_DO);
        }
        for (int transientStatus : new int[] {401, 403, 429, 500, 503}) {
            status.set(transientStatus);
            assertThat(port.recordStatutoryTimescaleBreached("d-1")).as("%s", transientStatus)
                    .isEqualTo(Outcome.RETRY);
        }
    }

    /** Two deadlines of one dispute firing together: the one that loses the race is sent again, not dropped. */
    @Test
    void aCommandThatLostARaceOnTheDisputeIsRetriedButAnotherConflictEndsIt() {
        status.set(409);
        answerBody.set("{\"type\": \"urn:iro-disputes:problem:concurrent-change\",\"title\":\"Concurrent change\","
                + "\"status\":409}");
        assertThat(port.recordStatutoryTimescaleBreached("d-1")).isEqualTo(Outcome.RETRY);
        assertThat(port.recordStageOverdue("d-1", "stage-2", LocalDate.of(2026, 3, 9))).isEqualTo(Outcome.RETRY);

        answerBody.set("{\"type\":\"urn:iro-disputes:problem:rule-violated\",\"title\":\"Not allowed\",\"status\":409}");
        assertThat(port.recordStatutoryTimescaleBreached("d-1")).isEqualTo(Outcome.NOTHING_TO_DO);
    }

    @Test
    void anUnreachableServiceIsRetried() {
        server.stop(0);
        assertThat(port.recordStageOverdue("d-1", "stage-2", LocalDate.of(2026, 3, 9))).isEqualTo(Outcome.RETRY);
    }
}
