package uk.iro.disputes.scheduler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Follows the event store, keeps the schedule of deadlines, and asks dispute-command to record missed ones. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DeadlineSchedulerApplication {
    public static void main(String[] args) {
        SpringApplication.run(DeadlineSchedulerApplication.class, args);
    }
}
