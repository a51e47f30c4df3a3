package uk.iro.disputes.scheduler.command;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dispute-command's internal API over HTTP with a SYSTEM bearer token. Each deadline sends a stable
 * Idempotency-Key, so a retry after a lost answer appends nothing twice.
 */
public class HttpCommandPort implements CommandPort, BatchingCommandPort.BatchSender {
    private static final Logger log = LoggerFactory.getLogger(HttpCommandPort.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    static final String BATCH_PATH = "/internal/v1/deadlines";
    /** dispute-command's problem type for a command that lost a race with another on the same dispute. */
    private static final java.util.regex.Pattern CONCURRENT_CHANGE = java.util.regex.Pattern.compile(
            "\"type\"\\s*:\\s*\"urn:iro-disputes:problem:concurrent-change\"");

    private final HttpClient client;
    private final URI baseUrl;
    private final Supplier<String> token;
    private final Duration timeout;

    public HttpCommandPort(URI baseUrl, String token, Duration timeout) {
        this(baseUrl, () -> token, timeout);
    }

    /** @param token where each request's SYSTEM bearer token comes from (a fixed one, or freshly signed ones) */
    public HttpCommandPort(URI baseUrl, Supplier<String> token, Duration timeout) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Outcome recordStageOverdue(String disputeId, String stage, LocalDate dueDate) {
        String body = "{\"stage\":\"" + stage + "\",\"dueDate\":\"" + dueDate + "\"}";
        return post("/internal/v1/disputes/" + disputeId + "/stage-overdue", body,
                "stage-overdue/" + disputeId + "/" + stage + "/" + dueDate);
    }

    @Override
    public Outcome recordStatutoryTimescaleBreached(String disputeId) {
        return post("/internal/v1/disputes/" + disputeId + "/statutory-timescale-breached", null,
                "statutory-breach/" + disputeId);
    }

    @Override
    public Outcome recordStageDueSoon(String disputeId, String stage, LocalDate dueDate) {
        String body = "{\"stage\":\"" + stage + "\",\"dueDate\":\"" + dueDate + "\"}";
        return post("/internal/v1/disputes/" + disputeId + "/stage-due-soon", body,
                "stage-due-soon/" + disputeId + "/" + stage + "/" + dueDate);
    }

    @Override
    public Outcome recordMonitoringOverdue(String disputeId, LocalDate monitoringDueOn) {
        String body = "{\"monitoringDueOn\":\"" + monitoringDueOn + "\"}";
        return post("/internal/v1/disputes/" + disputeId + "/monitoring-overdue", body,
                "monitoring-overdue/" + disputeId + "/" + monitoringDueOn);
    }

    /**
     * Many deadlines in one request to dispute-command's batch endpoint; one outcome per deadline, classified as
     * its own request's answer would be. No Idempotency-Key: recording a deadline twice appends nothing. If the
     * batch is refused as a whole with 400 (a malformed deadline) or 404 (a dispute-command without the batch
     * endpoint), each deadline is sent on its own instead, so one bad deadline cannot end the others.
     */
    @Override
    public List<Outcome> sendBatch(List<BatchingCommandPort.DeadlineCommand> batch) {
        var body = JSON.createObjectNode();
        var items = body.putArray("deadlines");
        for (BatchingCommandPort.DeadlineCommand d : batch) {
            var item = items.addObject().put("kind", d.kind().name()).put("disputeId", d.disputeId());
            if (d.stage() != null) {
                item.put("stage", d.stage());
            }
            if (d.dueDate() != null) {
                item.put("dueDate", d.dueDate().toString());
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(BATCH_PATH))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        String bearer = token.get();
        if (bearer != null && !bearer.isBlank()) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.warn("POST {} with {} deadlines failed: {}", BATCH_PATH, batch.size(), e.toString());
            return java.util.Collections.nCopies(batch.size(), Outcome.RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Collections.nCopies(batch.size(), Outcome.RETRY);
        }
        if (response.statusCode() == 400 || response.statusCode() == 404) {
            log.warn("POST {} answered {}: sending its {} deadlines one by one ({})", BATCH_PATH,
                    response.statusCode(), batch.size(), response.body());
            return batch.stream().map(this::sendOne).toList();
        }
        if (response.statusCode() != 200) {
            // Refused as a whole (a token to fix, the service overloaded or failing): nothing was recorded.
            log.warn("POST {} answered {}: will retry its {} deadlines ({})", BATCH_PATH, response.statusCode(),
                    batch.size(), response.body());
            return java.util.Collections.nCopies(batch.size(), Outcome.RETRY);
        }
        try {
            var results = JSON.readTree(response.body()).path("results");
            List<Outcome> outcomes = new java.util.ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                var result = results.path(i);
                if (result.isMissingNode()) {
                    outcomes.add(Outcome.RETRY);
                    continue;
                }
                String problem = result.hasNonNull("type")
                        ? "{\"type\":\"" + result.get("type").asText() + "\"}" : null;
                outcomes.add(classify(BATCH_PATH + " [" + batch.get(i).disputeId() + "]",
                        result.path("status").asInt(500), problem));
            }
            return outcomes;
        } catch (IOException e) {
            log.warn("POST {}: unreadable answer; will retry ({})", BATCH_PATH, e.toString());
            return java.util.Collections.nCopies(batch.size(), Outcome.RETRY);
        }
    }

    private Outcome sendOne(BatchingCommandPort.DeadlineCommand d) {
        return switch (d.kind()) {
            case STAGE_OVERDUE -> recordStageOverdue(d.disputeId(), d.stage(), d.dueDate());
            case STATUTORY_TIMESCALE_BREACHED -> recordStatutoryTimescaleBreached(d.disputeId());
            case STAGE_DUE_SOON -> recordStageDueSoon(d.disputeId(), d.stage(), d.dueDate());
            case MONITORING_OVERDUE -> recordMonitoringOverdue(d.disputeId(), d.dueDate());
        };
    }

    private Outcome post(String path, String json, String idempotencyName) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(timeout)
                .header("Idempotency-Key",
                        UUID.nameUUIDFromBytes(idempotencyName.getBytes(StandardCharsets.UTF_8)).toString());
        String bearer = token.get();
        if (bearer != null && !bearer.isBlank()) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return classify(path, response.statusCode(), response.body());
        } catch (IOException e) {
            log.warn("POST {} failed: {}", path, e.toString());
            return Outcome.RETRY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.RETRY;
        }
    }

    /**
     * 401/403 are our configuration (a token to fix), 408/429 are transient: all retried, like 5xx. So is a 409 that
     * says another command changed the dispute at the same moment (two deadlines of one dispute firing together, from
     * two threads or two instances): the command was not refused, it lost a race, and would otherwise be dropped.
     */
    static Outcome classify(String path, int status, String body) {
        if (status >= 200 && status < 300) {
            return Outcome.DONE;
        }
        if (status == 409 && body != null && CONCURRENT_CHANGE.matcher(body).find()) {
            log.info("POST {} met a concurrent change of the dispute: will retry", path);
            return Outcome.RETRY;
        }
        if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 429) {
            log.info("POST {} refused with {}: nothing to do ({})", path, status, body);
            return Outcome.NOTHING_TO_DO;
        }
        log.warn("POST {} answered {}: will retry ({})", path, status, body);
        return Outcome.RETRY;
    }
}
