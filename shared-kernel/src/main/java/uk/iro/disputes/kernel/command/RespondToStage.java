package uk.iro.disputes.kernel.command;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

/** The stage's respondent records their response, with the actions they plan, their owners and dates. */
public record RespondToStage(
        @TargetAggregateIdentifier DisputeId disputeId,
        StageKey stage,
        StaffReference actor,
        String response,
        List<PlannedAction> plannedActions) {

    public RespondToStage {
        plannedActions = plannedActions == null ? List.of() : List.copyOf(plannedActions);
    }
}
