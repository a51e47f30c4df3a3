package uk.iro.disputes.kernel.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** The IRO records that the child was told about the dispute (and their right to complain and to an advocate). */
public record RecordChildInformed(
        @TargetAggregateIdentifier DisputeId disputeId,
        LocalDate informedOn,
        String how,
        StaffReference actor) {
}
