package uk.iro.disputes.scheduler.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code iro.scheduler.*}: see deadline-scheduler.yaml for the environment variables and defaults. */
@ConfigurationProperties("iro.scheduler")
public record SchedulerProperties(
        String instanceId,
        String eventSchema,
        Duration pollingInterval,
        Duration heartbeatInterval,
        int threads,
        Duration retryBackoff,
        String startAt,
        int dueSoonWorkingDays,
        Command command) {

    /**
     * Where the SYSTEM token comes from, first that is configured: the client credentials grant at
     * {@code tokenUri}; a key to sign tokens with; a fixed token.
     *
     * @param token a fixed SYSTEM bearer token
     * @param signingKey instead of a token: a PKCS#8 RSA key (PEM text, or a file:/classpath: location) to sign
     *     short-lived SYSTEM tokens with, issued as {@code issuer}
     * @param tokenUri the authorisation server's token endpoint, for the client credentials grant
     * @param clientId the scheduler's client id there (its tokens must carry the SYSTEM role)
     * @param clientSecret its secret
     * @param scope the scope to ask for, if the server needs one
     */
    public record Command(URI baseUrl, String token, String signingKey, String issuer, Duration timeout,
            URI tokenUri, String clientId, String clientSecret, String scope, Batch batch) {
    }

    /**
     * Deadlines firing together are sent in batches of up to {@code size} (1: one request per deadline, to the
     * single-deadline endpoints), waiting up to {@code linger} for others to join, {@code senders} batches at once.
     */
    public record Batch(int size, Duration linger, int senders) {
    }
}
