package uk.iro.disputes.kernel.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import uk.iro.disputes.kernel.dispute.Role;

/**
 * One rung of a ladder: who answers, who is copied in, and how long they have.
 *
 * @param assigneeRoles roles that may answer this stage; the first is the stage's assignee role
 * @param assigneePosition the position the procedure names ("Service Manager", "Head of Service")
 * @param copiedTo positions copied in for information
 * @param timescale null where the procedure gives the stage no response timescale
 * @param meeting null where the procedure asks for no meeting at this stage
 */
public record StagePolicy(
        StageKey key,
        String title,
        List<Role> assigneeRoles,
        String assigneePosition,
        List<String> copiedTo,
        Timescale timescale,
        MeetingRule meeting) {

    public StagePolicy {
        Objects.requireNonNull(key, "stage key");
        Objects.requireNonNull(title, "stage title");
        assigneeRoles = List.copyOf(assigneeRoles);
        if (assigneeRoles.isEmpty()) {
            throw new IllegalArgumentException("a stage needs at least one assignee role");
        }
        copiedTo = copiedTo == null ? List.of() : List.copyOf(copiedTo);
    }

    public Role assigneeRole() {
        return assigneeRoles.get(0);
    }

    public boolean isAnsweredBy(Role role) {
        return assigneeRoles.contains(role);
    }

    public Optional<Timescale> responseTimescale() {
        return Optional.ofNullable(timescale);
    }

    public Optional<MeetingRule> meetingRule() {
        return Optional.ofNullable(meeting);
    }
}
