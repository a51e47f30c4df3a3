package uk.iro.disputes.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A council system's HTTP client to a service run as several instances: each call goes to the next instance in turn
 * and, when an instance does not answer (killed, restarting), to the next. Commands carry an Idempotency-Key, so a
 * command whose answer was lost with its instance can be sent again safely.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<String> instances;
    private final AtomicInteger next = new AtomicInteger();
    final AtomicInteger failovers = new AtomicInteger();

    Api(List<String> instances) {
        this.instances = instances;
    }

    record Answer(int status, JsonNode json, String body, boolean replayed, String instance) {
        long version() {
            return json.get("version").asLong();
        }

        int eventsAppended() {
            return json.get("eventsAppended").asInt();
        }

        @Override
        public String toString() {
            return status + " from " + instance + (replayed ? " (replayed)" : "") + ": " + body;
        }
    }

    Answer post(String path, String token, String body) {
        String key = UUID.randomUUID().toString();
        return send(path, instance -> HttpRequest.newBuilder(URI.create(instance + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    Answer get(String path, String token) {
        return send(path, instance -> HttpRequest.newBuilder(URI.create(instance + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET().build());
    }

    /** The same GET on every instance, each of which must answer. */
    List<Answer> getFromEach(String path, String token) {
        return instances.stream().map(instance -> call(instance, HttpRequest.newBuilder(URI.create(instance + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build())).toList();
    }

    private interface RequestFor {
        HttpRequest at(String instance);
    }

    private Answer send(String path, RequestFor request) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        IOException last = null;
        int start = Math.floorMod(next.getAndIncrement(), instances.size());
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            String instance = instances.get((start + attempt) % instances.size());
            try {
                return call(instance, request.at(instance));
            } catch (UncheckedIOException e) {
                last = e.getCause();
                failovers.incrementAndGet();
                if (attempt % instances.size() == instances.size() - 1) {
                    pause(Duration.ofSeconds(1));
                }
            }
        }
        throw new AssertionError("no instance answered " + path + " in 120 s", last);
    }

    private static Answer call(String instance, HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = body == null || body.isBlank() ? null : parse(body);
            boolean replayed = response.headers().firstValue("Idempotency-Replayed").map("true"::equals).orElse(false);
            return new Answer(response.statusCode(), json, body, replayed, instance);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class UncheckedIOException extends RuntimeException {
        UncheckedIOException(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
