package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * The formal process began; its total timescale runs from here.
 *
 * @param declaredTotalDueDate the end of the policy's declared total, or null where it declares none
 * @param statutoryDueDate the 20th working day after the formal start (IRO Handbook ch. 6)
 */
@Revision("1")
public record FormalProcessStarted(
        DisputeId disputeId,
        StageKey atStage,
        LocalDate startedOn,
        LocalDate declaredTotalDueDate,
        LocalDate statutoryDueDate) implements DisputeEvent {

    /** The stricter of the two limits: the one a breach is measured against. */
    public LocalDate totalDueDate() {
        if (declaredTotalDueDate == null || statutoryDueDate.isBefore(declaredTotalDueDate)) {
            return statutoryDueDate;
        }
        return declaredTotalDueDate;
    }
}
