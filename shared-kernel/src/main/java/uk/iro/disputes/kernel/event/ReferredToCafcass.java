package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.CafcassRule;
import uk.iro.disputes.kernel.policy.StageKey;

/** @param effect what the referral does to the dispute, as the pinned policy said at the time */
@Revision("1")
public record ReferredToCafcass(
        DisputeId disputeId,
        StageKey atStage,
        String reason,
        StaffReference referredBy,
        StaffReference consultee,
        CafcassRule.Effect effect,
        LocalDate referredOn) implements DisputeEvent {
}
