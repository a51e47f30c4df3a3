package uk.iro.disputes.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * dispute-query: projects the dispute event store (read-only) into read models and answers council systems,
 * auditors and reporting teams.
 */
@SpringBootApplication
@EnableScheduling
public class DisputeQueryApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(DisputeQueryApplication.class, args);
    }
}
