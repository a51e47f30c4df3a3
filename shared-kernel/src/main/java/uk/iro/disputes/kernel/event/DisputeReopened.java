package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.policy.StageKey;

/** A resolved dispute is open again because the agreed actions were not achieved. */
@Revision("1")
public record DisputeReopened(DisputeId disputeId, StageKey lastStage, String reason, LocalDate reopenedOn)
        implements DisputeEvent {
}
