package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

@Revision("1")
public record StageTimescaleExtended(
        DisputeId disputeId,
        StageKey stage,
        LocalDate previousDueDate,
        LocalDate newDueDate,
        String benefitToChild,
        StaffReference agreedBy,
        LocalDate agreedOn) implements DisputeEvent {
}
