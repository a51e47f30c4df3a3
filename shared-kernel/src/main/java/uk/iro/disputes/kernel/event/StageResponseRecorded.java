package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

/** The respondent answered the stage; the record goes back to the IRO to resolve or escalate. */
@Revision("1")
public record StageResponseRecorded(
        DisputeId disputeId,
        StageKey stage,
        StaffReference respondent,
        String response,
        List<PlannedAction> plannedActions,
        LocalDate respondedOn) implements DisputeEvent {

    public StageResponseRecorded {
        plannedActions = plannedActions == null ? List.of() : List.copyOf(plannedActions);
    }
}
