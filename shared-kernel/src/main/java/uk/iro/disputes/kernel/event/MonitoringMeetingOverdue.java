package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;

/** The resolved dispute's monitoring meeting date passed in Europe/London with no monitoring outcome recorded. */
@Revision("1")
public record MonitoringMeetingOverdue(DisputeId disputeId, LocalDate monitoringDueOn, LocalDate recordedOn)
        implements DisputeEvent {
}
