package uk.iro.disputes.kernel.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;

/**
 * Sent by the deadline scheduler when the date of a resolved dispute's monitoring meeting has passed with no
 * monitoring outcome. Appends nothing if the outcome was recorded, the dispute ended, the date differs (the
 * dispute was resolved again since), or the lapse is already recorded.
 */
public record RecordMonitoringOverdue(@TargetAggregateIdentifier DisputeId disputeId, LocalDate monitoringDueOn) {
}
