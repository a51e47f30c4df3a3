package uk.iro.disputes.kernel.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

/** Extend the current stage's response timescale where the policy allows it, saying how it helps the child. */
public record ExtendStageTimescale(
        @TargetAggregateIdentifier DisputeId disputeId,
        StageKey stage,
        LocalDate newDueDate,
        String benefitToChild,
        StaffReference actor) {
}
