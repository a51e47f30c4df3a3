package uk.iro.disputes.scheduler.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code iro.scheduler.*}: see application.yaml for the environment variables and defaults. */
@ConfigurationProperties("iro.scheduler")
public record SchedulerProperties(
        String eventSchema,
        Duration pollingInterval,
        int threads,
        Duration retryBackoff,
        String startAt,
        Command command) {

    public record Command(URI baseUrl, String token, Duration timeout) {
    }
}
