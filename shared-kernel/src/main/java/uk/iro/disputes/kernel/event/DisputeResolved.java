package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * @param atStage the stage the dispute was at when resolved
 * @param monitoringDueOn when the monitoring meeting is due, where the policy has one; otherwise null
 */
@Revision("1")
public record DisputeResolved(
        DisputeId disputeId,
        ResolutionOutcome outcome,
        String summary,
        List<PlannedAction> agreedActions,
        StageKey atStage,
        StaffReference resolvedBy,
        LocalDate resolvedOn,
        LocalDate monitoringDueOn) implements DisputeEvent {

    public DisputeResolved {
        agreedActions = agreedActions == null ? List.of() : List.copyOf(agreedActions);
    }
}
