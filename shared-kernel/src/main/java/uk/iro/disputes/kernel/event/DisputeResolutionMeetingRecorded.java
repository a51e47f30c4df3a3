package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import java.util.Set;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

@Revision("1")
public record DisputeResolutionMeetingRecorded(
        DisputeId disputeId,
        StageKey stage,
        LocalDate heldOn,
        Set<Role> attendeeRoles,
        MeetingOutcome outcome,
        String summary,
        StaffReference recordedBy,
        LocalDate recordedOn) implements DisputeEvent {

    public DisputeResolutionMeetingRecorded {
        attendeeRoles = attendeeRoles == null ? Set.of() : Set.copyOf(attendeeRoles);
    }
}
