package uk.iro.disputes.command.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.iro.disputes.command.api.request.RecordGoodPracticeRequest;
import uk.iro.disputes.command.application.CommandResult;
import uk.iro.disputes.command.application.DisputeCommands;
import uk.iro.disputes.command.security.StepRoles;
import uk.iro.disputes.kernel.event.StreamTypes;
import uk.iro.disputes.kernel.goodpractice.AcknowledgeGoodPractice;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeId;

/**
 * Good-practice alerts: their own lifecycle (recorded, acknowledged by the manager), with the same Idempotency-Key,
 * If-Match and error rules as the dispute steps. An alert is never a dispute: its id is {@code gp-…} and dispute
 * steps on it are 404.
 */
@RestController
@RequestMapping(path = "/api/v1/good-practice", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Good practice", description = "Good-practice alerts: recorded by the IRO side, acknowledged by a manager")
@SecurityRequirement(name = "bearer")
public class GoodPracticeCommandController {
    private static final String LOCATION = "/api/v1/good-practice/";
    private final CommandEndpoint endpoint;

    public GoodPracticeCommandController(CommandEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** What a good-practice step answers: the alert's id and version (also the ETag). */
    public record GoodPracticeResult(String alertId, long version, int eventsAppended) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record good practice in a child's case (IRO, CP chair or IRO manager)",
            description = "Answers 201 with Location /api/v1/good-practice/{id}. A named manager must be a TEAM_MANAGER"
                    + " or SENIOR_MANAGER (409 good-practice-manager-not-a-manager); the description is never"
                    + " published on the event stream.")
    public ResponseEntity<GoodPracticeResult> record(@Valid @RequestBody RecordGoodPracticeRequest body,
            @Parameter(description = "Retries with the same key and body get the first answer")
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        GoodPracticeId id = GoodPracticeId.newId();
        return answer(endpoint.run("RecordGoodPractice", id.value(), StreamTypes.GOOD_PRACTICE_ALERT, LOCATION,
                true, StepRoles.GOOD_PRACTICE_RECORDERS, actor -> body.toCommand(id, actor), body, null,
                idempotencyKey, http));
    }

    @PostMapping("/{alertId}/acknowledge")
    @Operation(summary = "Acknowledge the alert (the manager it names, or else a team or senior manager)",
            description = "Once: 409 good-practice-already-acknowledged; 403 good-practice-acknowledger.")
    public ResponseEntity<GoodPracticeResult> acknowledge(@PathVariable String alertId,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        GoodPracticeId id = alertId(alertId);
        return answer(endpoint.run("AcknowledgeGoodPractice", id.value(), StreamTypes.GOOD_PRACTICE_ALERT,
                LOCATION, false, StepRoles.GOOD_PRACTICE_ACKNOWLEDGERS, actor -> new AcknowledgeGoodPractice(id, actor),
                null, ifMatch, idempotencyKey, http));
    }

    private static GoodPracticeId alertId(String value) {
        try {
            return GoodPracticeId.of(value);
        } catch (IllegalArgumentException e) {
            throw new FieldProblem("alertId", "must be gp- and 1-61 letters, digits or hyphens");
        }
    }

    private static ResponseEntity<GoodPracticeResult> answer(ResponseEntity<CommandResult> answer) {
        CommandResult r = answer.getBody();
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .body(new GoodPracticeResult(r.disputeId(), r.version(), r.eventsAppended()));
    }
}
