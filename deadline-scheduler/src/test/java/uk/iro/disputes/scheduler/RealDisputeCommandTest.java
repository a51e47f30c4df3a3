package uk.iro.disputes.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.scheduler.SchedulerInstances.DB;
import static uk.iro.disputes.scheduler.SchedulerInstances.await;
import static uk.iro.disputes.scheduler.SchedulerInstances.scheduled;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.iro.disputes.scheduler.schedule.DeadlineSchedule;

/**
 * The scheduler with dispute-command running for real, as a separate JVM from its runnable jar, trusting the
 * development key the scheduler signs its SYSTEM tokens with. The clock moves the way an operator would move it: both
 * services restarted with {@code iro.clock.offset}. Two disputes are raised at real time; thirty days later:
 * <ul>
 *   <li>dispute A's missed stage ends with exactly one StageOverdue in its stream;
 *   <li>dispute B's overdue command reaches dispute-command (which appends the event) and the scheduler JVM sending it
 *       is killed with SIGKILL before it hears the answer; another instance takes the deadline over, sends it again
 *       (in a batch, as the scheduler sends deadlines firing together), and B's stream still holds exactly one
 *       StageOverdue: recording a deadline again appends nothing.
 * </ul>
 */
class RealDisputeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEV_KEY = Path.of("../dispute-command/src/main/resources/dev/dev-jwt-private.pem");
    private static final String MOVED = "P30D";

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private static Path commandJar() throws IOException {
        Path target = Path.of("../dispute-command/target");
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "dispute-command-*-exec.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            }
        }
        throw new IllegalStateException("dispute-command's runnable jar is missing: build it in the same reactor,"
                + " e.g. ./mvnw -pl shared-kernel,dispute-command,deadline-scheduler verify");
    }

    private ChildJvm command(String offset) throws IOException {
        ChildJvm command = ChildJvm.start("real-dispute-command", List.of("-jar", commandJar().toString()), List.of(
                "--spring.profiles.active=dev",
                "--spring.datasource.url=" + SchedulerInstances.URL + "?currentSchema=disputes_command",
                "--iro.clock.offset=" + offset));
        running.add(command);
        return command;
    }

    private List<String> schedulerArgs(URI commandBase, String offset) {
        return List.of(
                "--spring.datasource.url=" + SchedulerInstances.URL + "?currentSchema=disputes_scheduler",
                "--iro.scheduler.polling-interval=200ms",
                "--iro.scheduler.heartbeat-interval=1s",
                "--iro.scheduler.retry-backoff=500ms",
                "--iro.scheduler.start-at=head",
                "--iro.scheduler.command.base-url=" + commandBase,
                "--iro.scheduler.command.signing-key=file:" + DEV_KEY.toAbsolutePath(),
                "--iro.scheduler.command.issuer=iro-dev",
                "--iro.clock.offset=" + offset);
    }

    private ConfigurableApplicationContext schedulerHere(URI commandBase, String offset) {
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        args.addAll(schedulerArgs(commandBase, offset));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DeadlineSchedulerApplication.class)
                .run(args.toArray(String[]::new));
        running.add(context::close);
        await("the processor's token", Duration.ofSeconds(240), () -> DB.queryForObject(
                "SELECT count(*) FROM disputes_scheduler.tokenentry WHERE processorname = ? AND token IS NOT NULL",
                Integer.class, DeadlineSchedule.PROCESSOR) > 0);
        return context;
    }

    private static long events(String disputeId, String type) {
        return DB.queryForObject("SELECT count(*) FROM disputes_command.domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype = ?", Long.class, disputeId, "uk.iro.disputes.kernel.event." + type);
    }

    @Test
    void aMissedStageEndsWithExactlyOneStageOverdueEvenWhenTheSendingSchedulerIsKilled() throws Exception {
        // Real time: both disputes raised, their deadlines scheduled.
        ChildJvm atRealTime = command("PT0S");
        ConfigurableApplicationContext scheduler = schedulerHere(atRealTime.baseUri(), "PT0S");
        String a = raise(atRealTime.baseUri(), "CASE-RA-" + UUID.randomUUID().toString().substring(0, 8));
        String b = raise(atRealTime.baseUri(), "CASE-RB-" + UUID.randomUUID().toString().substring(0, 8));
        await("both stage deadlines scheduled", Duration.ofSeconds(240), () ->
                scheduled(a).contains(a + "/stage-overdue/stage-1") && scheduled(b).contains(b + "/stage-overdue/stage-1"));
        scheduler.close();
        atRealTime.close();

        // Thirty days on: dispute-command and a scheduler JVM with moved clocks; B's overdue command is answered by
        // dispute-command, but the answer is held back from the scheduler, which is then killed.
        ChildJvm moved = command(MOVED);
        try (HoldingProxy proxy = new HoldingProxy(moved.baseUri(), b)) {
            ChildJvm doomed = ChildJvm.start("real-doomed-scheduler",
                    List.of("-cp", System.getProperty("java.class.path"), DeadlineSchedulerApplication.class.getName()),
                    schedulerArgs(proxy.uri(), MOVED));
            running.add(doomed);

            await("A's StageOverdue", Duration.ofSeconds(240), () -> events(a, "StageOverdue") == 1);
            assertThat(proxy.held.await(240, TimeUnit.SECONDS)).as("B's overdue command reached dispute-command").isTrue();
            doomed.kill();
            assertThat(events(b, "StageOverdue")).as("appended before the sender died").isEqualTo(1);
            assertThat(scheduled(b)).as("the deadline is still picked by the dead instance")
                    .contains(b + "/stage-overdue/stage-1");

            proxy.passThrough();
            schedulerHere(proxy.uri(), MOVED);
            await("B's deadline taken over and done", Duration.ofSeconds(240),
                    () -> !scheduled(b).contains(b + "/stage-overdue/stage-1"));
            Thread.sleep(1500);

            assertThat(proxy.sendsOfHeld).as("B's deadline sent by the dead instance and by the survivor").hasValue(2);
            assertThat(events(a, "StageOverdue")).isEqualTo(1);
            assertThat(events(b, "StageOverdue")).isEqualTo(1);
            assertThat(events(a, "StatutoryTimescaleBreached")).isLessThanOrEqualTo(1);
        }
    }

    private static String raise(URI command, String caseId) throws IOException, InterruptedException {
        String body = """
                {"policyId":"wakefield","childCaseId":"%s","responsibleTeam":"Children in Care 2","track":"FORMAL",
                 "categories":["HEALTH"],"concern":"Health assessment overdue.","desiredOutcome":"Booked this week.",
                 "consultee":{"staffId":"irom-3","role":"IRO_MANAGER"}}""".formatted(caseId);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        command.resolve("/api/v1/disputes"))
                .header("Authorization", "Bearer " + devToken("iro-17", "IRO"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("disputeId").asText();
    }

    /** A token as dispute-command's dev profile accepts it: RS256 with the bundled development key. */
    private static String devToken(String subject, String role) {
        try {
            String pem = Files.readString(DEV_KEY, StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(
                    pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", ""));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            long now = Instant.now().getEpochSecond();
            String claims = "{\"iss\":\"iro-dev\",\"sub\":\"" + subject + "\",\"roles\":[\"" + role + "\"],"
                    + "\"azp\":\"scheduler-test\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
            String input = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + url.encodeToString(rsa.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Forwards everything to dispute-command; the first request carrying {@code heldDispute}'s stage-overdue
     * deadline (a batch naming it, or its own endpoint) is forwarded and answered by dispute-command, but its answer
     * is held back from the caller until {@link #passThrough()}.
     */
    static final class HoldingProxy implements AutoCloseable {
        final CountDownLatch held = new CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger sendsOfHeld = new java.util.concurrent.atomic.AtomicInteger();
        private final CountDownLatch release = new CountDownLatch(1);
        private final AtomicBoolean holding = new AtomicBoolean(true);
        private final HttpServer server;
        private final HttpClient client = HttpClient.newHttpClient();
        private final URI target;
        private final String heldDispute;

        HoldingProxy(URI target, String heldDispute) throws IOException {
            this.target = target;
            this.heldDispute = heldDispute;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", this::forward);
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        void passThrough() {
            holding.set(false);
            release.countDown();
        }

        private void forward(HttpExchange exchange) throws IOException {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                for (String header : List.of("Authorization", "Idempotency-Key", "Content-Type", "If-Match")) {
                    String value = exchange.getRequestHeaders().getFirst(header);
                    if (value != null) {
                        request.header(header, value);
                    }
                }
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (path.equals("/internal/v1/disputes/" + heldDispute + "/stage-overdue")
                        || path.equals("/internal/v1/deadlines") && namesHeldStageOverdue(body)) {
                    sendsOfHeld.incrementAndGet();
                    if (holding.get()) {
                        held.countDown();
                        release.await(); // the caller is killed meanwhile; the answer never reaches it
                        return;
                    }
                }
                String type = response.headers().firstValue("Content-Type").orElse("application/json");
                exchange.getResponseHeaders().add("Content-Type", type);
                exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
                exchange.getResponseBody().write(response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** A batch carrying the held dispute's stage-overdue deadline (not merely naming the dispute). */
        private boolean namesHeldStageOverdue(byte[] body) throws IOException {
            for (var deadline : JSON.readTree(body).path("deadlines")) {
                if (heldDispute.equals(deadline.path("disputeId").asText())
                        && "STAGE_OVERDUE".equals(deadline.path("kind").asText())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            release.countDown();
            server.stop(0);
        }
    }
}
