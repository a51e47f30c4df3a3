package uk.iro.disputes.command.api.request;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import uk.iro.disputes.kernel.command.AcknowledgeStage;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

/** The stage being acknowledged: named so that an acknowledgement can never land on a stage the caller did not see. */
public record AcknowledgeStageRequest(
        @NotNull @Pattern(regexp = Patterns.STAGE_KEY, message = Patterns.STAGE_KEY_MESSAGE) String stage) {

    public AcknowledgeStage toCommand(DisputeId id, StaffReference actor) {
        return new AcknowledgeStage(id, StageKey.of(stage), actor);
    }
}
