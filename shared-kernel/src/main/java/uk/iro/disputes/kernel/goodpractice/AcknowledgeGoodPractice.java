package uk.iro.disputes.kernel.goodpractice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** The manager alerted acknowledges the good practice. */
public record AcknowledgeGoodPractice(@TargetAggregateIdentifier GoodPracticeId alertId, StaffReference actor) {
}
