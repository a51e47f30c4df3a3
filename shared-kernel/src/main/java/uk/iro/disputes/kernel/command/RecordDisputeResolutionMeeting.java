package uk.iro.disputes.kernel.command;

import java.time.LocalDate;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** Record a dispute resolution meeting held at the current stage: when, which roles attended, what it reached. */
public record RecordDisputeResolutionMeeting(
        @TargetAggregateIdentifier DisputeId disputeId,
        LocalDate heldOn,
        Set<Role> attendeeRoles,
        MeetingOutcome outcome,
        String summary,
        StaffReference actor) {

    public RecordDisputeResolutionMeeting {
        attendeeRoles = attendeeRoles == null ? Set.of() : Set.copyOf(attendeeRoles);
    }
}
