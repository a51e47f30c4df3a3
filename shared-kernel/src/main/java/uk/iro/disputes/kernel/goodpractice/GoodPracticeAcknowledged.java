package uk.iro.disputes.kernel.goodpractice;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** The manager acknowledged the good-practice alert; its lifecycle ends here. */
@Revision("1")
public record GoodPracticeAcknowledged(
        GoodPracticeId alertId,
        StaffReference acknowledgedBy,
        LocalDate acknowledgedOn) implements GoodPracticeEvent {
}
