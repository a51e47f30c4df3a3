package uk.iro.disputes.kernel.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * Sent by the deadline scheduler shortly before a stage's due date (by default one working day before), so that a
 * notification system can remind the assignee from the event stream. Appends nothing if the stage is no longer
 * awaiting a response, its due date has moved or already passed, or the reminder for this due date was recorded.
 */
public record RecordStageDueSoon(@TargetAggregateIdentifier DisputeId disputeId, StageKey stage, LocalDate dueDate) {
}
