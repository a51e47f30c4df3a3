package uk.iro.disputes.command.api.input;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.iro.disputes.command.api.Api.Call;

/**
 * A client that sends exactly what it is given: any method, any Content-Type or none, any bytes, any headers.
 * {@link uk.iro.disputes.command.api.Api} always sends JSON; bad input needs more freedom than that.
 */
final class RawHttp {
    /** A request the service takes longer than this to answer fails the test instead of hanging it. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String base;

    RawHttp(int port) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
    }

    Call post(String path, String token, String body) {
        return send("POST", path, token, "application/json", body, Map.of());
    }

    Call post(String path, String token, String body, Map<String, String> headers) {
        return send("POST", path, token, "application/json", body, headers);
    }

    Call send(String method, String path, String token, String contentType, String body, Map<String, String> headers) {
        return send(method, path, token, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                headers);
    }

    /** {@code contentType} null sends none; {@code body} null sends no body. */
    Call send(String method, String path, String token, String contentType, byte[] body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.setHeader("Content-Type", contentType);
        }
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        headers.forEach(request::setHeader);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> names = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> names.put(k.toLowerCase(), String.join(",", v)));
            return new Call(response.statusCode(), names, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the request byte for byte over a socket, headers in ISO-8859-1: java.net.http sends header values as
     * ASCII, so it cannot send the obs-text bytes (0x80-0xFF) HTTP/1.1 allows.
     */
    Call sendOverSocket(String method, String path, String token, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n")
                .append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n")
                .append("Authorization: Bearer ").append(token).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Call parse(byte[] answer) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim(),
                    (a, b) -> a + "," + b);
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            StringBuilder joined = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                joined.append(body, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
            body = joined.toString();
        }
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String utf8 = new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return new Call(status, headers, utf8);
    }
}
