package uk.iro.disputes.kernel.state;

import java.time.LocalDate;
import java.util.List;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * @param monitoringDueOn when the monitoring meeting is due; null where the policy has none
 * @param monitoringAchieved the monitoring outcome once recorded; null while outstanding
 * @param monitoringOverdueOn when the monitoring meeting was recorded overdue (its date passed with no outcome)
 */
public record Resolution(
        ResolutionOutcome outcome,
        StageKey atStage,
        LocalDate resolvedOn,
        List<PlannedAction> agreedActions,
        LocalDate monitoringDueOn,
        Boolean monitoringAchieved,
        LocalDate monitoringRecordedOn,
        LocalDate monitoringOverdueOn) {

    public Resolution {
        agreedActions = agreedActions == null ? List.of() : List.copyOf(agreedActions);
    }

    public boolean monitoringOutstanding() {
        return monitoringDueOn != null && monitoringAchieved == null;
    }
}
