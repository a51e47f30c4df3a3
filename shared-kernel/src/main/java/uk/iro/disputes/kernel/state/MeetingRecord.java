package uk.iro.disputes.kernel.state;

import java.time.LocalDate;
import java.util.Set;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.policy.StageKey;

public record MeetingRecord(StageKey stage, LocalDate heldOn, Set<Role> attendeeRoles, MeetingOutcome outcome) {
    public MeetingRecord {
        attendeeRoles = Set.copyOf(attendeeRoles);
    }
}
