package uk.iro.disputes.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import uk.iro.disputes.command.api.request.AcknowledgeStageRequest;
import uk.iro.disputes.command.api.request.CafcassReferralRequest;
import uk.iro.disputes.command.api.request.ChildInformedRequest;
import uk.iro.disputes.command.api.request.EscalateRequest;
import uk.iro.disputes.command.api.request.ExtendRequest;
import uk.iro.disputes.command.api.request.MeetingRequest;
import uk.iro.disputes.command.api.request.MonitoringOutcomeRequest;
import uk.iro.disputes.command.api.request.RaiseDisputeRequest;
import uk.iro.disputes.command.api.request.ReasonRequest;
import uk.iro.disputes.command.api.request.ResolveRequest;
import uk.iro.disputes.command.api.request.RespondRequest;
import uk.iro.disputes.command.application.CommandResult;
import uk.iro.disputes.command.security.StepRoles;
import uk.iro.disputes.kernel.command.CloseDispute;
import uk.iro.disputes.kernel.command.RequestIndependentLegalAdvice;
import uk.iro.disputes.kernel.command.WithdrawDispute;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.policy.PolicyCatalogue;

/**
 * One endpoint per step of the dispute's lifecycle. Each answers the dispute id and its new version (also the
 * ETag); each accepts Idempotency-Key and If-Match. The roles listed here may attempt a step; the aggregate then
 * decides whether this person may (the dispute's own IRO, the stage's respondent).
 *
 * <p>Bodies are JSON only and answers are JSON only: any other Content-Type is a 415, and an Accept that rules out
 * JSON is a 406 before the step is taken (checked after it, the step would be recorded and the caller told it
 * failed).
 */
@RestController
@RequestMapping(path = "/api/v1/disputes", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Disputes", description = "The IRO dispute resolution process, one step per endpoint")
@SecurityRequirement(name = "bearer")
public class DisputeCommandController {
    static final Set<Role> IRO_SIDE = StepRoles.IRO_SIDE;

    private final CommandEndpoint endpoint;
    private final Set<Role> respondents;
    private final Set<Role> meetingParties;

    public DisputeCommandController(CommandEndpoint endpoint, PolicyCatalogue policies) {
        this.endpoint = endpoint;
        this.respondents = StepRoles.respondents(policies);
        this.meetingParties = StepRoles.meetingParties(policies);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Raise a dispute (IRO or CP chair, or IRO manager naming the IRO or CP chair)",
            description = "Answers 201 with Location /api/v1/disputes/{id}. childStatus LOOKED_AFTER or"
                    + " CHILD_PROTECTION (absent: CHILD_PROTECTION for a CP chair's dispute, else LOOKED_AFTER); the"
                    + " policy must apply to it (409 policy-not-for-child-status). A CP chair raises child-protection"
                    + " disputes only (403 raiser-not-iro).")
    public ResponseEntity<CommandResult> raise(@Valid @RequestBody RaiseDisputeRequest body,
            @Parameter(description = "Retries with the same key and body get the first answer")
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        String iroRoleProblem = body.iroRoleProblem();
        if (iroRoleProblem != null) {
            throw new FieldProblem("iroRole", iroRoleProblem);
        }
        DisputeId id = DisputeId.newId();
        return endpoint.run("RaiseDispute", id, true, IRO_SIDE, actor -> body.toCommand(id, actor), body, null,
                idempotencyKey, http);
    }

    @PostMapping(path = "/{disputeId}/respond", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record the current stage's response (its assignee, or a holder of its role)")
    public ResponseEntity<CommandResult> respond(@PathVariable String disputeId,
            @Valid @RequestBody RespondRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("RespondToStage", id, false, respondents, actor -> body.toCommand(id, actor), body,
                ifMatch, idempotencyKey, http);
    }

    @PostMapping(path = "/{disputeId}/acknowledge", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Acknowledge the current stage (its assignee, or a holder of its role)",
            description = "Records who acknowledged, when, and how many working days after the stage opened. Once per"
                    + " stage visit, before the response: 409 stage-already-acknowledged / stage-already-answered /"
                    + " stage-not-current; 403 acknowledger-not-assignee.")
    public ResponseEntity<CommandResult> acknowledge(@PathVariable String disputeId,
            @Valid @RequestBody AcknowledgeStageRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("AcknowledgeStage", id, false, respondents, actor -> body.toCommand(id, actor), body,
                ifMatch, idempotencyKey, http);
    }

    @PostMapping(path = "/{disputeId}/escalate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Escalate to the next stage, or bypass where the policy allows (own IRO or IRO manager)")
    public ResponseEntity<CommandResult> escalate(@PathVariable String disputeId,
            @Valid @RequestBody EscalateRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("Escalate", id, false, IRO_SIDE, actor -> body.toCommand(id, actor), body, ifMatch,
                idempotencyKey, http);
    }

    @PostMapping(path = "/{disputeId}/extend", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Extend the current stage's timescale where the policy allows it")
    public ResponseEntity<CommandResult> extend(@PathVariable String disputeId,
            @Valid @RequestBody ExtendRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("ExtendStageTimescale", id, false, IRO_SIDE, actor -> body.toCommand(id, actor), body,
                ifMatch, idempotencyKey, http);
    }

    @PostMapping(path = "/{disputeId}/meetings", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record a dispute resolution meeting (the IRO side or the stage's respondent)")
    public ResponseEntity<CommandResult> meeting(@PathVariable String disputeId,
            @Valid @RequestBody MeetingRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("RecordDisputeResolutionMeeting", id, false, meetingParties,
                actor -> body.toCommand(id, actor), body, ifMatch, idempotencyKey, http);
    }

    @PostMapping(path = "/{disputeId}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Resolve the dispute with its agreed actions")
    public ResponseEntity<CommandResult> resolve(@PathVariable String disputeId,
            @Valid @RequestBody ResolveRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("ResolveDispute", id, false, IRO_SIDE, actor -> body.toCommand(id, actor), body,
                ifMatch, idempotencyKey, http);
    }

    @PostMapping(path = "/{disputeId}/monitoring-outcome", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record the monitoring meeting's outcome; not achieved reopens or escalates")
    public ResponseEntity<CommandResult> monitoringOutcome(@PathVariable String disputeId,
            @Valid @RequestBody MonitoringOutcomeRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("RecordMonitoringOutcome", id, false, IRO_SIDE, actor -> body.toCommand(id, actor),
                body, ifMatch, idempotencyKey, http);
    }

    @PostMapping(path = "/{disputeId}/cafcass-referral", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Refer the dispute to CAFCASS",
            description = "Looked-after children only: 409 cafcass-only-for-looked-after-children for a child-protection"
                    + " dispute.")
    public ResponseEntity<CommandResult> referToCafcass(@PathVariable String disputeId,
            @Valid @RequestBody CafcassReferralRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("ReferToCafcass", id, false, IRO_SIDE, actor -> body.toCommand(id, actor), body,
                ifMatch, idempotencyKey, http);
    }

    @PostMapping(path = "/{disputeId}/legal-advice-request", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record that the IRO requested independent legal advice")
    public ResponseEntity<CommandResult> requestLegalAdvice(@PathVariable String disputeId,
            @Valid @RequestBody ReasonRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("RequestIndependentLegalAdvice", id, false, IRO_SIDE,
                actor -> new RequestIndependentLegalAdvice(id, body.reason(), actor), body, ifMatch, idempotencyKey,
                http);
    }

    @PostMapping(path = "/{disputeId}/child-informed", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record that the child was informed of the dispute")
    public ResponseEntity<CommandResult> childInformed(@PathVariable String disputeId,
            @Valid @RequestBody ChildInformedRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("RecordChildInformed", id, false, IRO_SIDE, actor -> body.toCommand(id, actor), body,
                ifMatch, idempotencyKey, http);
    }

    @PostMapping(path = "/{disputeId}/withdraw", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Withdraw the dispute")
    public ResponseEntity<CommandResult> withdraw(@PathVariable String disputeId,
            @Valid @RequestBody ReasonRequest body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("WithdrawDispute", id, false, IRO_SIDE,
                actor -> new WithdrawDispute(id, body.reason(), actor), body, ifMatch, idempotencyKey, http);
    }

    @PostMapping("/{disputeId}/close")
    @Operation(summary = "Authorise and close the record: nothing can change after this")
    public ResponseEntity<CommandResult> close(@PathVariable String disputeId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        DisputeId id = endpoint.disputeId(disputeId);
        return endpoint.run("CloseDispute", id, false, IRO_SIDE, actor -> new CloseDispute(id, actor), null,
                ifMatch, idempotencyKey, http);
    }
}
