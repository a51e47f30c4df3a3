package uk.iro.disputes.kernel.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** The IRO asks for legal advice independent of the council's own lawyers. */
public record RequestIndependentLegalAdvice(
        @TargetAggregateIdentifier DisputeId disputeId,
        String reason,
        StaffReference actor) {
}
