package uk.iro.disputes.scheduler.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SYSTEM tokens from the council's authorisation server by the OAuth 2.0 client credentials grant (RFC 6749 §4.4),
 * the client authenticating with HTTP Basic (§2.3.1). A token is reused until a minute before it expires (or half
 * its lifetime, if that is shorter). When the server cannot be reached or refuses, there is no token: the send goes
 * out without one, is refused with 401, and db-scheduler retries it later, so a deadline waits rather than fails.
 */
public final class ClientCredentialsTokens implements Supplier<String> {
    private static final Logger log = LoggerFactory.getLogger(ClientCredentialsTokens.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final URI tokenUri;
    private final String basicAuthorization;
    private final String scope;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;
    private String token;
    private Instant renewAt = Instant.MIN;

    public ClientCredentialsTokens(URI tokenUri, String clientId, String clientSecret, String scope, Duration timeout,
            Clock clock) {
        this.tokenUri = tokenUri;
        this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (form(clientId) + ":" + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
        this.scope = scope;
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public synchronized String get() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    private void fetch() {
        String body = "grant_type=client_credentials" + (scope == null || scope.isBlank() ? "" : "&scope=" + form(scope));
        HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .timeout(timeout)
                .header("Authorization", basicAuthorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            if (answer == null || !answer.path("access_token").isTextual()) {
                log.warn("token endpoint {} answered {}: no SYSTEM token for now", tokenUri, response.statusCode());
                token = null;
                return;
            }
            Instant now = clock.instant();
            Duration lifetime = Duration.ofSeconds(answer.path("expires_in").asLong(300));
            Duration reuse = lifetime.minus(MARGIN);
            if (reuse.compareTo(lifetime.dividedBy(2)) < 0) {
                reuse = lifetime.dividedBy(2);
            }
            token = answer.get("access_token").asText();
            renewAt = now.plus(reuse);
        } catch (IOException e) {
            log.warn("token endpoint {} failed: {}", tokenUri, e.toString());
            token = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            token = null;
        }
    }

    /** RFC 6749 §2.3.1: client id and secret are form-encoded before Basic encoding. */
    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
