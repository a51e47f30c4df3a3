package uk.iro.disputes.kernel.event;

import uk.iro.disputes.kernel.dispute.DisputeId;

/** Every event of a dispute's stream. Sealed so that the fold over them is checked to be complete. */
public sealed interface DisputeEvent
        permits DisputeRaised, StageOpened, FormalProcessStarted, StageResponseRecorded, DisputeEscalated,
                StageTimescaleExtended, DisputeResolutionMeetingRecorded, StageOverdue, StatutoryTimescaleBreached,
                DisputeResolved, MonitoringOutcomeRecorded, DisputeReopened, ReferredToCafcass,
                IndependentLegalAdviceRequested, ChildInformed, DisputeWithdrawn, DisputeClosed, StageDueSoon,
                MonitoringMeetingOverdue, StageAcknowledged {

    DisputeId disputeId();
}
