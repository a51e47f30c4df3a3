package uk.iro.disputes.kernel.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;

/**
 * Sent by the deadline scheduler when the formal process has run past its total timescale unresolved.
 * Recorded once; appends nothing when the dispute is resolved or the limit has not passed.
 */
public record RecordStatutoryTimescaleBreached(@TargetAggregateIdentifier DisputeId disputeId) {
}
