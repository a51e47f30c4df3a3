package uk.iro.disputes.kernel.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.StaffReference;

/**
 * The outcome of the monitoring meeting after resolution. Not achieved reopens the dispute at its last stage or
 * escalates it, as {@code nextStep} says.
 */
public record RecordMonitoringOutcome(
        @TargetAggregateIdentifier DisputeId disputeId,
        boolean achieved,
        MonitoringNextStep nextStep,
        String notes,
        StaffReference actor) {
}
