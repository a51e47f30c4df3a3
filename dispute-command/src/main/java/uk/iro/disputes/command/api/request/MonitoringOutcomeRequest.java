package uk.iro.disputes.command.api.request;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import uk.iro.disputes.kernel.command.RecordMonitoringOutcome;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** The monitoring meeting's finding; when the actions were not achieved, whether to reopen or escalate. */
public record MonitoringOutcomeRequest(
        @NotNull Boolean achieved,
        MonitoringNextStep nextStep,
        @Size(max = Patterns.LONG_TEXT) String notes) {

    public RecordMonitoringOutcome toCommand(DisputeId id, StaffReference actor) {
        return new RecordMonitoringOutcome(id, achieved, nextStep, notes, actor);
    }
}
