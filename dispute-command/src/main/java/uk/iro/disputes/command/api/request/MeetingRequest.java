package uk.iro.disputes.command.api.request;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Set;
import uk.iro.disputes.kernel.command.RecordDisputeResolutionMeeting;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** A dispute resolution meeting that took place: when, the roles present, the outcome. */
public record MeetingRequest(
        @NotNull @PlausibleDate LocalDate heldOn,
        @NotEmpty @Size(max = 9) Set<@NotNull Role> attendeeRoles,
        @NotNull MeetingOutcome outcome,
        @Size(max = Patterns.LONG_TEXT) String summary) {

    public RecordDisputeResolutionMeeting toCommand(DisputeId id, StaffReference actor) {
        return new RecordDisputeResolutionMeeting(id, heldOn, attendeeRoles, outcome, summary, actor);
    }
}
