package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;

@Revision("1")
public record IndependentLegalAdviceRequested(
        DisputeId disputeId, String reason, StaffReference requestedBy, LocalDate requestedOn) implements DisputeEvent {
}
