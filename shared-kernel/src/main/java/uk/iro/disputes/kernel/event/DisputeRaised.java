package uk.iro.disputes.kernel.event;

import java.time.LocalDate;
import java.util.Set;
import org.axonframework.serialization.Revision;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.ProgressRating;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.policy.PolicyRef;

/**
 * @param iro the IRO who raised the dispute and owns it
 * @param writtenRecordDueOn on the immediate-concern track, when the written record is due; otherwise null
 * @param childStatus looked after or on a child-protection plan; events stored before it existed have none, and
 *     were all about looked-after children, so absent means {@link ChildStatus#LOOKED_AFTER}
 */
@Revision("1")
public record DisputeRaised(
        DisputeId disputeId,
        PolicyRef policy,
        ChildReference child,
        String responsibleTeam,
        StaffReference iro,
        Track track,
        Set<ConcernCategory> categories,
        String concern,
        String desiredOutcome,
        StaffReference consultee,
        ProgressRating progressRating,
        LocalDate raisedOn,
        LocalDate writtenRecordDueOn,
        ChildStatus childStatus) implements DisputeEvent {

    public DisputeRaised {
        categories = categories == null ? Set.of() : Set.copyOf(categories);
        childStatus = childStatus == null ? ChildStatus.LOOKED_AFTER : childStatus;
    }

    /** A looked-after child's dispute (the shape before child-protection disputes existed). */
    public DisputeRaised(DisputeId disputeId, PolicyRef policy, ChildReference child, String responsibleTeam,
            StaffReference iro, Track track, Set<ConcernCategory> categories, String concern, String desiredOutcome,
            StaffReference consultee, ProgressRating progressRating, LocalDate raisedOn, LocalDate writtenRecordDueOn) {
        this(disputeId, policy, child, responsibleTeam, iro, track, categories, concern, desiredOutcome, consultee,
                progressRating, raisedOn, writtenRecordDueOn, ChildStatus.LOOKED_AFTER);
    }
}
