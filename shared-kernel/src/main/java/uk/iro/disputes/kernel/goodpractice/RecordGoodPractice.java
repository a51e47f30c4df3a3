package uk.iro.disputes.kernel.goodpractice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;

/**
 * An IRO, child-protection chair or IRO manager highlights good practice in a child's case.
 *
 * @param relatedDispute a dispute of the same child it arose from, or null
 * @param manager the manager to acknowledge it, if the recorder names one; null leaves it to any team or senior
 *     manager
 * @param description what was good (free text: kept behind the API, never published)
 */
public record RecordGoodPractice(
        @TargetAggregateIdentifier GoodPracticeId alertId,
        ChildReference child,
        String responsibleTeam,
        DisputeId relatedDispute,
        StaffReference manager,
        String description,
        StaffReference actor) {
}
