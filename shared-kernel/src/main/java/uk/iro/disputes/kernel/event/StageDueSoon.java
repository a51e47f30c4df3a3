package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * The stage's due date is near and no response is recorded: a reminder for the assignee, once per due date.
 *
 * @param workingDaysLeft working days from {@code remindedOn} to {@code dueDate} (0 on the due date itself)
 */
@Revision("1")
public record StageDueSoon(DisputeId disputeId, StageKey stage, LocalDate dueDate, LocalDate remindedOn,
        int workingDaysLeft) implements DisputeEvent {
}
