package uk.iro.disputes.kernel.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** The IRO authorises the record of a resolved dispute; nothing can change after that. */
public record CloseDispute(@TargetAggregateIdentifier DisputeId disputeId, StaffReference actor) {
}
