package uk.iro.disputes.kernel.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * The person the current stage is waiting on says they have seen it: the stage's named assignee or a holder of its
 * assignee role. Councils audit who acknowledged and how soon.
 */
public record AcknowledgeStage(@TargetAggregateIdentifier DisputeId disputeId, StageKey stage, StaffReference actor) {
}
