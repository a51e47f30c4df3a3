package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * The stage's assignee (or a holder of its assignee role) acknowledged it.
 *
 * @param workingDaysAfterOpening working days from the day the stage opened to the day acknowledged (0 the same
 *     day), computed once here with the calendar of the day
 */
@Revision("1")
public record StageAcknowledged(
        DisputeId disputeId,
        StageKey stage,
        StaffReference acknowledgedBy,
        LocalDate acknowledgedOn,
        int workingDaysAfterOpening) implements DisputeEvent {
}
