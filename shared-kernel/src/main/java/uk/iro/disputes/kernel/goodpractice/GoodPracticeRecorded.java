package uk.iro.disputes.kernel.goodpractice;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;

/**
 * Good practice in a child's case was recorded; the manager alert is open until acknowledged.
 *
 * @param relatedDispute the dispute it arose from, or null
 * @param manager the manager named to acknowledge it, or null for any team or senior manager
 */
@Revision("1")
public record GoodPracticeRecorded(
        GoodPracticeId alertId,
        ChildReference child,
        String responsibleTeam,
        DisputeId relatedDispute,
        StaffReference manager,
        String description,
        StaffReference recordedBy,
        LocalDate recordedOn) implements GoodPracticeEvent {
}
