package uk.iro.disputes.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.iro.disputes.command.api.request.MonitoringOverdueRequest;
import uk.iro.disputes.command.api.request.StageDueSoonRequest;
import uk.iro.disputes.command.api.request.StageOverdueRequest;
import uk.iro.disputes.command.application.CommandResult;
import uk.iro.disputes.command.security.StepRoles;
import uk.iro.disputes.kernel.command.RecordMonitoringOverdue;
import uk.iro.disputes.kernel.command.RecordStageDueSoon;
import uk.iro.disputes.kernel.command.RecordStageOverdue;
import uk.iro.disputes.kernel.command.RecordStatutoryTimescaleBreached;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * What the deadline-scheduler sends, SYSTEM role only. When there is nothing to record (the stage was answered
 * meanwhile, the breach or reminder is already recorded) the answer is 200 with {@code eventsAppended: 0}: done, not an error.
 */
@RestController
@RequestMapping(path = "/internal/v1/disputes", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Internal", description = "Scheduler commands; SYSTEM role only")
@SecurityRequirement(name = "bearer")
public class InternalCommandController {
    private static final Set<Role> SYSTEM = StepRoles.SCHEDULER;

    private final CommandEndpoint endpoint;

    public InternalCommandController(CommandEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @PostMapping(path = "/{disputeId}/stage-overdue", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record that a stage's due date passed with no response")
    public ResponseEntity<CommandResult> stageOverdue(@PathVariable String disputeId,
            @Valid @RequestBody StageOverdueRequest body,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("RecordStageOverdue", id, false, SYSTEM,
                actor -> new RecordStageOverdue(id, StageKey.of(body.stage()), body.dueDate()), body, null,
                idempotencyKey, http);
    }

    @PostMapping("/{disputeId}/statutory-timescale-breached")
    @Operation(summary = "Record that the formal process ran past its total timescale unresolved")
    public ResponseEntity<CommandResult> statutoryTimescaleBreached(@PathVariable String disputeId,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("RecordStatutoryTimescaleBreached", id, false, SYSTEM,
                actor -> new RecordStatutoryTimescaleBreached(id), null, null, idempotencyKey, http);
    }

    @PostMapping(path = "/{disputeId}/stage-due-soon", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record a reminder that a stage's due date is near and no response is recorded")
    public ResponseEntity<CommandResult> stageDueSoon(@PathVariable String disputeId,
            @Valid @RequestBody StageDueSoonRequest body,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("RecordStageDueSoon", id, false, SYSTEM,
                actor -> new RecordStageDueSoon(id, StageKey.of(body.stage()), body.dueDate()), body, null,
                idempotencyKey, http);
    }

    @PostMapping(path = "/{disputeId}/monitoring-overdue", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record that the monitoring meeting's date passed with no monitoring outcome")
    public ResponseEntity<CommandResult> monitoringOverdue(@PathVariable String disputeId,
            @Valid @RequestBody MonitoringOverdueRequest body,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("RecordMonitoringOverdue", id, false, SYSTEM,
                actor -> new RecordMonitoringOverdue(id, body.monitoringDueOn()), body, null, idempotencyKey, http);
    }
}
