package uk.iro.disputes.kernel.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * The IRO escalates the dispute from its current stage to the next one, or to a later one where the policy
 * allows bypassing stages.
 *
 * @param fromStage the stage the IRO is escalating from; must be the current one (guards against a stale view)
 * @param toStage the stage to escalate to; null for the next stage
 * @param consultee whom the IRO consulted, where the policy requires it for this step
 * @param assignee the person the new stage is assigned to, if known
 */
public record Escalate(
        @TargetAggregateIdentifier DisputeId disputeId,
        StageKey fromStage,
        StageKey toStage,
        String reason,
        StaffReference actor,
        StaffReference consultee,
        StaffReference assignee) {
}
