package uk.iro.disputes.command.api.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import uk.iro.disputes.kernel.command.Escalate;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

/** Escalate from the current stage to the next, or to a later one where the policy allows a bypass. */
public record EscalateRequest(
        @NotNull @Pattern(regexp = Patterns.STAGE_KEY, message = Patterns.STAGE_KEY_MESSAGE) String fromStage,
        @Pattern(regexp = Patterns.STAGE_KEY, message = Patterns.STAGE_KEY_MESSAGE) String toStage,
        @NotBlank @Size(max = Patterns.TEXT) String reason,
        @Valid StaffRef consultee,
        @Valid StaffRef assignee) {

    public Escalate toCommand(DisputeId id, StaffReference actor) {
        return new Escalate(id, StageKey.of(fromStage), toStage == null ? null : StageKey.of(toStage), reason, actor,
                StaffRef.orNull(consultee), StaffRef.orNull(assignee));
    }
}
