package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * @param bypassed the stages skipped on the way, in ladder order (empty for a plain escalation)
 */
@Revision("1")
public record DisputeEscalated(
        DisputeId disputeId,
        StageKey fromStage,
        StageKey toStage,
        List<StageKey> bypassed,
        String reason,
        StaffReference escalatedBy,
        StaffReference consultee,
        LocalDate escalatedOn) implements DisputeEvent {

    public DisputeEscalated {
        bypassed = bypassed == null ? List.of() : List.copyOf(bypassed);
    }
}
