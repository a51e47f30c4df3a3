package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** @param nextStep what follows a failed monitoring check; null when achieved */
@Revision("1")
public record MonitoringOutcomeRecorded(
        DisputeId disputeId,
        boolean achieved,
        MonitoringNextStep nextStep,
        String notes,
        StaffReference recordedBy,
        LocalDate recordedOn) implements DisputeEvent {
}
