package uk.iro.disputes.kernel.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * Sent by the deadline scheduler when a stage's due date has passed. Appends nothing if the stage is no longer
 * open, already answered, already overdue, or its due date has since moved.
 */
public record RecordStageOverdue(@TargetAggregateIdentifier DisputeId disputeId, StageKey stage, LocalDate dueDate) {
}
