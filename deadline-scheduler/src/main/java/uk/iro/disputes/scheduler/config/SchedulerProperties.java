package uk.iro.disputes.scheduler.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code iro.scheduler.*}: see application.yaml for the environment variables and defaults. */
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
     * @param token a fixed SYSTEM bearer token
     * @param signingKey instead of a token: a PKCS#8 RSA key (PEM text, or a file:/classpath: location) to sign
     *     short-lived SYSTEM tokens with, issued as {@code issuer}
     */
    public record Command(URI baseUrl, String token, String signingKey, String issuer, Duration timeout) {
    }
}
