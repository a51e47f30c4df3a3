package uk.iro.disputes.kernel.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** The IRO refers the child's case to CAFCASS; the policy says whether the dispute closes or goes on alongside. */
public record ReferToCafcass(
        @TargetAggregateIdentifier DisputeId disputeId,
        String reason,
        StaffReference actor,
        StaffReference consultee) {
}
