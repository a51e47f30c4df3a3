package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;

@Revision("1")
public record DisputeWithdrawn(DisputeId disputeId, String reason, StaffReference withdrawnBy, LocalDate withdrawnOn)
        implements DisputeEvent {
}
