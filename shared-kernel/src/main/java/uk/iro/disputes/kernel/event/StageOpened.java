package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * A stage of the ladder is now waiting on its respondent. The due date was computed here, once, from the pinned
 * policy and the calendar of the day.
 *
 * @param assignee the named respondent, or null where only the role is known
 * @param dueDate null where the policy gives the stage no timescale
 */
@Revision("1")
public record StageOpened(
        DisputeId disputeId,
        StageKey stage,
        String title,
        Role assigneeRole,
        StaffReference assignee,
        boolean formal,
        LocalDate openedOn,
        LocalDate dueDate) implements DisputeEvent {
}
