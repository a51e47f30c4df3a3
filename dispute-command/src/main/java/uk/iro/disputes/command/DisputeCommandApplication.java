package uk.iro.disputes.command;

import org.springframework.boot.SpringApplication;
import uk.iro.disputes.command.security.DevTokens;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** dispute-command: the REST command API in front of the Dispute aggregate and the PostgreSQL event store. */
@SpringBootApplication
public class DisputeCommandApplication {

    public static void main(String[] args) {
        if (DevTokens.runFromCommandLine(args)) {
            return;
        }
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(DisputeCommandApplication.class, args);
    }
}
