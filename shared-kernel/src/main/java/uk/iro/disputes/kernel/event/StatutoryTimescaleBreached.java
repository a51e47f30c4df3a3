package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;

/** The formal process ran past its total timescale (the stricter of the policy's and the statutory 20 days). */
@Revision("1")
public record StatutoryTimescaleBreached(DisputeId disputeId, LocalDate totalDueDate, LocalDate recordedOn)
        implements DisputeEvent {
}
