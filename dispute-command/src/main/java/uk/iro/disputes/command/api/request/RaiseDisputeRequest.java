package uk.iro.disputes.command.api.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import uk.iro.disputes.kernel.command.RaiseDispute;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.ProgressRating;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * Raise a dispute. The raiser is the caller; an IRO manager names the owning IRO in {@code iroStaffId} (and, for a
 * child-protection chair, {@code iroRole: CP_CHAIR}).
 *
 * @param childCaseId the council's case record id for the child: never a name or date of birth
 * @param childStatus LOOKED_AFTER or CHILD_PROTECTION; absent: child protection when a CP chair owns the dispute,
 *     looked after otherwise
 * @param iroRole the role of the owner an IRO manager names: IRO (the default) or CP_CHAIR
 */
public record RaiseDisputeRequest(
        @NotNull @Pattern(regexp = Patterns.POLICY_ID, message = Patterns.POLICY_ID_MESSAGE) String policyId,
        @NotNull @Pattern(regexp = Patterns.CASE_ID, message = Patterns.CASE_ID_MESSAGE) String childCaseId,
        @NotBlank @Size(max = Patterns.SHORT_TEXT) String responsibleTeam,
        @NotNull Track track,
        @Pattern(regexp = Patterns.STAGE_KEY, message = Patterns.STAGE_KEY_MESSAGE) String startingStage,
        @NotEmpty @Size(max = 13) Set<@NotNull ConcernCategory> categories,
        @NotBlank @Size(max = Patterns.LONG_TEXT) String concern,
        @NotBlank @Size(max = Patterns.TEXT) String desiredOutcome,
        @Valid StaffRef assignee,
        @Valid StaffRef consultee,
        ProgressRating progressRating,
        @Pattern(regexp = Patterns.STAFF_ID, message = Patterns.STAFF_ID_MESSAGE) String iroStaffId,
        ChildStatus childStatus,
        Role iroRole) {

    public RaiseDispute toCommand(DisputeId id, StaffReference actor) {
        return new RaiseDispute(id, policyId, ChildReference.of(childCaseId), responsibleTeam.strip(), actor, track,
                startingStage == null ? null : StageKey.of(startingStage), categories, concern, desiredOutcome,
                StaffRef.orNull(assignee), StaffRef.orNull(consultee), progressRating,
                iroStaffId == null ? null : StaffReference.of(iroStaffId, iroRole == null ? Role.IRO : iroRole),
                childStatus);
    }

    /** Null when {@code iroRole} is absent or names an owner's role next to {@code iroStaffId}; else what is wrong. */
    public String iroRoleProblem() {
        if (iroRole == null) {
            return null;
        }
        if (iroStaffId == null) {
            return "is given only with iroStaffId";
        }
        return iroRole == Role.IRO || iroRole == Role.CP_CHAIR ? null : "must be IRO or CP_CHAIR";
    }
}
