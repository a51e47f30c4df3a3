package uk.iro.disputes.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.iro.disputes.command.api.request.DeadlineBatchRequest;
import uk.iro.disputes.command.api.request.MonitoringOverdueRequest;
import uk.iro.disputes.command.api.request.StageDueSoonRequest;
import uk.iro.disputes.command.api.request.StageOverdueRequest;
import uk.iro.disputes.command.application.CommandRejected;
import uk.iro.disputes.command.application.CommandResult;
import uk.iro.disputes.command.application.DeadlineBatch;
import uk.iro.disputes.command.application.DisputeCommands;
import uk.iro.disputes.command.security.StepRoles;
import uk.iro.disputes.kernel.command.RecordMonitoringOverdue;
import uk.iro.disputes.kernel.command.RecordStageDueSoon;
import uk.iro.disputes.kernel.command.RecordStageOverdue;
import uk.iro.disputes.kernel.command.RecordStatutoryTimescaleBreached;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.policy.StageKey;
import uk.iro.disputes.kernel.rule.DisputeRuleViolation;

/**
 * What the deadline-scheduler sends, SYSTEM role only. When there is nothing to record (the stage was answered
 * meanwhile, the breach or reminder is already recorded) the answer is 200 with {@code eventsAppended: 0}: done, not an error.
 */
@RestController
@RequestMapping(path = "/internal/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Internal", description = "Scheduler commands; SYSTEM role only")
@SecurityRequirement(name = "bearer")
public class InternalCommandController {
    private static final Set<Role> SYSTEM = StepRoles.SCHEDULER;

    private final CommandEndpoint endpoint;
    private final DeadlineBatch batch;

    public InternalCommandController(CommandEndpoint endpoint, DeadlineBatch batch) {
        this.endpoint = endpoint;
        this.batch = batch;
    }

    /**
     * Many deadlines in one request, each recorded as the single endpoints would record it but all in one
     * transaction (each under its own savepoint): 200 with one result per deadline, in order, each with the status
     * its own request would have had. A malformed deadline makes the whole request a 400 naming it
     * ({@code deadlines[3].stage}); nothing is recorded then.
     */
    @PostMapping(path = "/deadlines", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record many passed deadlines or reminders at once (one result per deadline)")
    public BatchResults deadlines(@Valid @RequestBody DeadlineBatchRequest body, HttpServletRequest http) {
        List<Supplier<DisputeCommands.Request>> requests = new ArrayList<>();
        for (int i = 0; i < body.deadlines().size(); i++) {
            DeadlineBatchRequest.Deadline d = body.deadlines().get(i);
            String field = "deadlines[" + i + "]";
            DisputeId id = DisputeId.of(d.disputeId());
            requests.add(switch (d.kind()) {
                case STAGE_OVERDUE -> {
                    StageKey stage = StageKey.of(required(d.stage(), field + ".stage"));
                    var due = required(d.dueDate(), field + ".dueDate");
                    yield () -> endpoint.batchItem("RecordStageOverdue", id, SYSTEM,
                            actor -> new RecordStageOverdue(id, stage, due), http);
                }
                case STATUTORY_TIMESCALE_BREACHED -> () -> endpoint.batchItem("RecordStatutoryTimescaleBreached", id,
                        SYSTEM, actor -> new RecordStatutoryTimescaleBreached(id), http);
                case STAGE_DUE_SOON -> {
                    StageKey stage = StageKey.of(required(d.stage(), field + ".stage"));
                    var due = required(d.dueDate(), field + ".dueDate");
                    yield () -> endpoint.batchItem("RecordStageDueSoon", id, SYSTEM,
                            actor -> new RecordStageDueSoon(id, stage, due), http);
                }
                case MONITORING_OVERDUE -> {
                    var due = required(d.dueDate(), field + ".dueDate");
                    yield () -> endpoint.batchItem("RecordMonitoringOverdue", id, SYSTEM,
                            actor -> new RecordMonitoringOverdue(id, due), http);
                }
            });
        }
        return new BatchResults(batch.execute(requests).stream().map(InternalCommandController::result).toList());
    }

    /** The answer to a batch: one result per deadline, in the order sent. */
    public record BatchResults(List<BatchResult> results) {
    }

    /**
     * One deadline's result: {@code status} as its own request would have been answered; {@code version} and
     * {@code eventsAppended} when it was accepted, the problem's {@code type} and {@code detail} when not (a
     * {@code urn:iro-disputes:problem:concurrent-change} is worth sending again, as is a 503).
     */
    public record BatchResult(String disputeId, int status, Long version, Integer eventsAppended, String type,
            String detail) {
    }

    private static BatchResult result(DeadlineBatch.Outcome outcome) {
        if (outcome.answer() != null) {
            CommandResult r = outcome.answer().result();
            return new BatchResult(outcome.disputeId(), outcome.answer().status(), r.version(), r.eventsAppended(),
                    null, null);
        }
        if (outcome.refusal() instanceof DisputeRuleViolation e) {
            return new BatchResult(outcome.disputeId(), ProblemResponses.statusOf(e).value(), null, null,
                    ProblemResponses.typeOf(e), e.getMessage());
        }
        if (outcome.refusal() instanceof CommandRejected e) {
            return new BatchResult(outcome.disputeId(), e.status(), null, null, ProblemResponses.PROBLEM_TYPE + e.code(),
                    e.getMessage());
        }
        return new BatchResult(outcome.disputeId(), 503, null, null, ProblemResponses.PROBLEM_TYPE + "unavailable",
                "not recorded; send it again");
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new FieldProblem(field, "is needed for this kind of deadline");
        }
        return value;
    }

    @PostMapping(path = "/disputes/{disputeId}/stage-overdue", consumes = MediaType.APPLICATION_JSON_VALUE)
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

    @PostMapping("/disputes/{disputeId}/statutory-timescale-breached")
    @Operation(summary = "Record that the formal process ran past its total timescale unresolved")
    public ResponseEntity<CommandResult> statutoryTimescaleBreached(@PathVariable String disputeId,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("RecordStatutoryTimescaleBreached", id, false, SYSTEM,
                actor -> new RecordStatutoryTimescaleBreached(id), null, null, idempotencyKey, http);
    }

    @PostMapping(path = "/disputes/{disputeId}/stage-due-soon", consumes = MediaType.APPLICATION_JSON_VALUE)
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

    @PostMapping(path = "/disputes/{disputeId}/monitoring-overdue", consumes = MediaType.APPLICATION_JSON_VALUE)
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
