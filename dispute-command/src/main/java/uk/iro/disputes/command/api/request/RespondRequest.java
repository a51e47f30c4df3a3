package uk.iro.disputes.command.api.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import uk.iro.disputes.kernel.command.RespondToStage;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

/** The current stage's response, with the actions the respondent plans. */
public record RespondRequest(
        @NotNull @Pattern(regexp = Patterns.STAGE_KEY, message = Patterns.STAGE_KEY_MESSAGE) String stage,
        @NotBlank @Size(max = Patterns.LONG_TEXT) String response,
        @Size(max = 50) List<@NotNull @Valid ActionRequest> plannedActions) {

    public RespondToStage toCommand(DisputeId id, StaffReference actor) {
        return new RespondToStage(id, StageKey.of(stage), actor, response,
                plannedActions == null ? List.of() : plannedActions.stream().map(ActionRequest::toAction).toList());
    }
}
