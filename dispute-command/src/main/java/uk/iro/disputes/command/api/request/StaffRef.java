package uk.iro.disputes.command.api.request;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** A member of staff named in a request (an assignee, a consultee, an action's owner): staff id and role only. */
public record StaffRef(
        @NotNull @Pattern(regexp = Patterns.STAFF_ID, message = Patterns.STAFF_ID_MESSAGE) String staffId,
        @NotNull Role role) {

    public StaffReference toReference() {
        return StaffReference.of(staffId, role);
    }

    static StaffReference orNull(StaffRef ref) {
        return ref == null ? null : ref.toReference();
    }
}
