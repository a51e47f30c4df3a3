package uk.iro.disputes.command.api.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import uk.iro.disputes.kernel.command.ReferToCafcass;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** Refer the dispute to CAFCASS, with whom the IRO consulted where the policy asks. */
public record CafcassReferralRequest(
        @NotBlank @Size(max = Patterns.TEXT) String reason,
        @Valid StaffRef consultee) {

    public ReferToCafcass toCommand(DisputeId id, StaffReference actor) {
        return new ReferToCafcass(id, reason, actor, StaffRef.orNull(consultee));
    }
}
