package uk.iro.disputes.scheduler.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.scheduler.MutableClock;
import uk.iro.disputes.scheduler.command.CommandPort.Outcome;

/**
 * The client credentials grant against a real HTTP token endpoint, and the command port using its tokens against a
 * real HTTP server standing in for dispute-command, which accepts only the token last issued.
 */
class ClientCredentialsTokensTest {
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger tokenStatus = new AtomicInteger(200);
    private final List<String> bearers = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth2/token", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            tokenRequests.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            byte[] answer = ("{\"access_token\":\"tok-" + issued.incrementAndGet()
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":600}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(tokenStatus.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/internal/", exchange -> {
            String bearer = exchange.getRequestHeaders().getFirst("Authorization");
            exchange.getRequestBody().readAllBytes();
            bearers.add(String.valueOf(bearer));
            int status = ("Bearer tok-" + issued.get()).equals(bearer) ? 200 : 401;
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aTokenIsFetchedWithTheClientsCredentialsAndReusedUntilShortlyBeforeItExpires() {
        MutableClock clock = new MutableClock();
        ClientCredentialsTokens tokens = new ClientCredentialsTokens(base.resolve("/oauth2/token"), "iro-scheduler",
                "s3cret:x", "iro.system", Duration.ofSeconds(5), clock);
        HttpCommandPort port = new HttpCommandPort(base, tokens, Duration.ofSeconds(5));

        assertThat(port.recordStageOverdue("d-1", "stage-1", LocalDate.of(2026, 3, 9))).isEqualTo(Outcome.DONE);
        assertThat(port.recordStatutoryTimescaleBreached("d-1")).isEqualTo(Outcome.DONE);
        assertThat(tokenRequests).hasSize(1);
        String basic = Base64.getEncoder().encodeToString("iro-scheduler:s3cret%3Ax".getBytes(StandardCharsets.UTF_8));
        assertThat(tokenRequests.get(0)).isEqualTo("Basic " + basic + " grant_type=client_credentials&scope=iro.system");
        assertThat(bearers).containsExactly("Bearer tok-1", "Bearer tok-1");

        clock.advance(Duration.ofMinutes(8)); // 10-minute token: renewed a minute early
        assertThat(port.recordStageDueSoon("d-1", "stage-1", LocalDate.of(2026, 3, 9))).isEqualTo(Outcome.DONE);
        assertThat(tokenRequests).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(port.recordMonitoringOverdue("d-1", LocalDate.of(2026, 3, 9))).isEqualTo(Outcome.DONE);
        assertThat(tokenRequests).hasSize(2);
        assertThat(bearers).last().isEqualTo("Bearer tok-2");
    }

    @Test
    void aRefusingTokenEndpointMeansRetryLaterNotAFailedDeadline() {
        tokenStatus.set(401);
        MutableClock clock = new MutableClock();
        HttpCommandPort port = new HttpCommandPort(base, new ClientCredentialsTokens(base.resolve("/oauth2/token"),
                "iro-scheduler", "wrong", null, Duration.ofSeconds(5), clock), Duration.ofSeconds(5));

        assertThat(port.recordStageOverdue("d-1", "stage-1", LocalDate.of(2026, 3, 9))).isEqualTo(Outcome.RETRY);
        assertThat(bearers).containsExactly("null");
        assertThat(tokenRequests.get(0)).endsWith(" grant_type=client_credentials");

        tokenStatus.set(200);
        assertThat(port.recordStageOverdue("d-1", "stage-1", LocalDate.of(2026, 3, 9))).isEqualTo(Outcome.DONE);
    }
}
