package uk.iro.disputes.kernel.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** The IRO withdraws the dispute (raised in error, or overtaken by events). */
public record WithdrawDispute(@TargetAggregateIdentifier DisputeId disputeId, String reason, StaffReference actor) {
}
