package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.policy.StageKey;

/** The stage's due date passed in Europe/London with no response recorded. */
@Revision("1")
public record StageOverdue(DisputeId disputeId, StageKey stage, LocalDate dueDate, LocalDate recordedOn)
        implements DisputeEvent {
}
