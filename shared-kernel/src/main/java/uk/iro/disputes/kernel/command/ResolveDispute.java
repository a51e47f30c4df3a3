package uk.iro.disputes.kernel.command;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** The IRO records the dispute as resolved, with the actions agreed. */
public record ResolveDispute(
        @TargetAggregateIdentifier DisputeId disputeId,
        ResolutionOutcome outcome,
        String summary,
        List<PlannedAction> agreedActions,
        StaffReference actor) {

    public ResolveDispute {
        agreedActions = agreedActions == null ? List.of() : List.copyOf(agreedActions);
    }
}
