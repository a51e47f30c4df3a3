package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** The record was authorised; nothing can change after this. */
@Revision("1")
public record DisputeClosed(DisputeId disputeId, StaffReference authorisedBy, LocalDate closedOn)
        implements DisputeEvent {
}
