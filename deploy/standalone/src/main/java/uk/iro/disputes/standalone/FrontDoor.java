package uk.iro.disputes.standalone;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one port a user sees (8080 by default). It forwards each request to the service that owns it, on loopback:
 * commands, the scheduler's internal API and the Kafka publisher's admin to dispute-command; every other read and
 * the projection's admin to dispute-query. Headers and bodies pass as they are (Authorization, Idempotency-Key,
 * If-Match, ETag, problem+json, status codes); the services see X-Forwarded-Host/Proto, so the links they write
 * (Location, the OpenAPI servers) name this door. It also serves one Swagger UI listing both APIs and a health that
 * is UP only when all three services are.
 */
final class FrontDoor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrontDoor.class);
    static final String COMMANDS_DOC = "/v3/api-docs/commands";
    static final String QUERIES_DOC = "/v3/api-docs/queries";
    /** Hop-by-hop and length headers: the two connections each set their own. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "content-length", "host", "expect",
            "http2-settings", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix",
            "forwarded", "date");

    private final HttpServer server;
    private final ExecutorService workers;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI command;
    private final URI query;
    private final Supplier<Map<String, String>> health;

    /**
     * @param health each part's status by name ("UP" when well), asked on every health request
     */
    FrontDoor(String address, int port, URI command, URI query, Supplier<Map<String, String>> health)
            throws IOException {
        this.command = command;
        this.query = query;
        this.health = health;
        InetSocketAddress bind = address == null || address.isBlank() ? new InetSocketAddress(port)
                : new InetSocketAddress(address, port);
        this.server = HttpServer.create(bind, 100);
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(4, 64, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "front-door-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
                health(exchange, method);
            } else if (path.equals("/swagger-ui.html") || path.equals("/swagger-ui") || path.equals("/")) {
                exchange.getResponseHeaders().set("Location", "/swagger-ui/index.html");
                exchange.sendResponseHeaders(302, -1);
            } else if (path.equals("/v3/api-docs/swagger-config")) {
                json(exchange, 200, """
                        {"configUrl":"/v3/api-docs/swagger-config","urls":[\
                        {"url":"%s","name":"commands (dispute-command)"},\
                        {"url":"%s","name":"queries (dispute-query)"}],\
                        "urls.primaryName":"commands (dispute-command)","validatorUrl":""}"""
                        .formatted(COMMANDS_DOC, QUERIES_DOC));
            } else if (path.equals(COMMANDS_DOC)) {
                forward(exchange, method, command, "/v3/api-docs");
            } else if (path.equals(QUERIES_DOC)) {
                forward(exchange, method, query, "/v3/api-docs");
            } else if (path.startsWith("/swagger-ui/")) {
                forward(exchange, method, command, path);
            } else if (ownedByCommand(method, path)) {
                forward(exchange, method, command, path);
            } else if (path.startsWith("/api/")) {
                forward(exchange, method, query, path);
            } else {
                problem(exchange, 404, "Not found", "nothing is served at " + path);
            }
        } catch (RuntimeException e) {
            log.warn("front door failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }

    /** Writes (anything but GET and HEAD on the disputes), the scheduler's API and the publisher's admin. */
    static boolean ownedByCommand(String method, String path) {
        if (path.startsWith("/internal/") || path.equals("/api/v1/admin/kafka-publisher")
                || path.startsWith("/api/v1/admin/kafka-publisher/")) {
            return true;
        }
        boolean disputes = path.equals("/api/v1/disputes") || path.startsWith("/api/v1/disputes/");
        return disputes && !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }

    private void forward(HttpExchange exchange, String method, URI service, String path) throws IOException {
        String rawQuery = exchange.getRequestURI().getRawQuery();
        URI target = URI.create(service.toString() + path + (rawQuery == null ? "" : "?" + rawQuery));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(120))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : header.getValue()) {
                try {
                    request.header(header.getKey(), value);
                } catch (IllegalArgumentException e) {
                    log.debug("header {} not forwarded: {}", header.getKey(), e.getMessage());
                }
            }
        }
        String host = publicHost(exchange);
        request.header("X-Forwarded-Host", host);
        request.header("X-Forwarded-Proto", "http");
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            problem(exchange, 502, "Bad gateway", "the service behind this path did not answer");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem(exchange, 503, "Service unavailable", "shutting down");
            return;
        }
        Headers out = exchange.getResponseHeaders();
        String serviceOrigin = service.toString();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(":") || NOT_FORWARDED.contains(lower)) {
                return;
            }
            for (String value : values) {
                if (lower.equals("location") && value.startsWith(serviceOrigin)) {
                    value = "http://" + host + value.substring(serviceOrigin.length());
                }
                out.add(name, value);
            }
        });
        byte[] answer = response.body();
        int status = response.statusCode();
        boolean noBody = method.equals("HEAD") || status == 204 || status == 304 || answer.length == 0;
        if (method.equals("HEAD") && answer.length == 0) {
            response.headers().firstValue("Content-Length").ifPresent(length -> out.set("Content-Length", length));
        }
        exchange.sendResponseHeaders(status, noBody ? -1 : answer.length);
        if (!noBody) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(answer);
            }
        }
    }

    private void health(HttpExchange exchange, String method) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            problem(exchange, 405, "Method not allowed", "health is read with GET");
            return;
        }
        Map<String, String> parts = new LinkedHashMap<>(health.get());
        boolean up = parts.values().stream().allMatch("UP"::equals);
        StringBuilder json = new StringBuilder("{\"status\":\"").append(up ? "UP" : "DOWN")
                .append("\",\"components\":{");
        String separator = "";
        for (Map.Entry<String, String> part : parts.entrySet()) {
            json.append(separator).append('"').append(part.getKey()).append("\":{\"status\":\"")
                    .append(part.getValue()).append("\"}");
            separator = ",";
        }
        json.append("}}");
        json(exchange, up ? 200 : 503, json.toString());
    }

    /** The Host the client used, so links lead back through this door. */
    private String publicHost(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}")) {
            return "localhost:" + port();
        }
        return host;
    }

    private static void json(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json", json);
    }

    private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        send(exchange, status, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}");
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
    }
}
