package uk.iro.disputes.command.api.request;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import uk.iro.disputes.kernel.command.ExtendStageTimescale;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

/** Extend the current stage's timescale where the policy allows it. */
public record ExtendRequest(
        @NotNull @Pattern(regexp = Patterns.STAGE_KEY, message = Patterns.STAGE_KEY_MESSAGE) String stage,
        @NotNull @PlausibleDate LocalDate newDueDate,
        @Size(max = Patterns.TEXT) String benefitToChild) {

    public ExtendStageTimescale toCommand(DisputeId id, StaffReference actor) {
        return new ExtendStageTimescale(id, StageKey.of(stage), newDueDate, benefitToChild, actor);
    }
}
