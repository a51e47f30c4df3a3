package uk.iro.disputes.command.publishing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.iro.disputes.command.api.FieldProblem;
import uk.iro.disputes.command.application.CommandRejected;
import uk.iro.disputes.kernel.dispute.Role;

/** The publisher for operators, ADMIN role only: where it is, and a replay of the topic for a new consumer. */
@RestController
@RequestMapping("/api/v1/admin/kafka-publisher")
@Conditional(OnKafkaPublishing.class)
@Tag(name = "Admin", description = "The Kafka publisher; ADMIN role only")
@SecurityRequirement(name = "bearer")
public class PublisherAdminController {
    private final PublisherStatus status;

    public PublisherAdminController(PublisherStatus status) {
        this.status = status;
    }

    @GetMapping
    @Operation(summary = "The publisher's position, the store's head, the lag and any error")
    public Map<String, Object> status() {
        requireAdmin();
        return status.describe();
    }

    @PostMapping("/replay")
    @Operation(summary = "Republish every event from the start of the store, or from the first stored at or after"
            + " 'from' (an ISO-8601 instant). Consumers see each event again with its original ce_id.")
    public ResponseEntity<Map<String, Object>> replay(@RequestParam(required = false) String from) {
        requireAdmin();
        Instant since = parse(from);
        try {
            status.replay(since);
        } catch (UnableToClaimTokenException e) {
            throw new CommandRejected(409, "publisher-busy", "Publisher busy",
                    "another instance holds the publisher's token: stop publishing there first");
        }
        return ResponseEntity.accepted().body(status.describe());
    }

    private static Instant parse(String from) {
        if (from == null || from.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(from);
        } catch (DateTimeParseException e) {
            throw new FieldProblem("from", "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    private static void requireAdmin() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = caller != null && caller.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + Role.ADMIN.name()).equals(a.getAuthority()));
        if (!admin) {
            throw CommandRejected.forbidden("the Kafka publisher is managed by the ADMIN role only");
        }
    }
}
