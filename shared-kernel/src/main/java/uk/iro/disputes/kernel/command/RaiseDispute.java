package uk.iro.disputes.kernel.command;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.ProgressRating;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * The IRO raises a dispute about a child's care plan under a council's policy (its newest version is pinned).
 *
 * @param responsibleTeam the case-holding team, as the council names it
 * @param startingStage for a formal start, the stage to start at where the policy lets the IRO choose; null for
 *     the first stage (or, on the immediate track, its first stage)
 * @param assignee the person the first stage is assigned to, if known; null leaves it to the stage's role
 * @param consultee whom the IRO consulted, where the policy requires a consultation
 * @param progressRating the Red/Amber/Green judgement, where the policy's informal stage records one
 * @param iro the IRO who owns the dispute when an IRO manager raises it on their behalf; null when the IRO
 *     raises it themselves
 * @param childStatus looked after or child protection; null takes the raiser's: child protection for a CP chair,
 *     looked after otherwise
 */
public record RaiseDispute(
        @TargetAggregateIdentifier DisputeId disputeId,
        String policyId,
        ChildReference child,
        String responsibleTeam,
        StaffReference actor,
        Track track,
        StageKey startingStage,
        Set<ConcernCategory> categories,
        String concern,
        String desiredOutcome,
        StaffReference assignee,
        StaffReference consultee,
        ProgressRating progressRating,
        StaffReference iro,
        ChildStatus childStatus) {

    public RaiseDispute {
        categories = categories == null ? Set.of() : Set.copyOf(categories);
    }

    /** A dispute whose child status follows from the raiser (see {@link #childStatus()}). */
    public RaiseDispute(DisputeId disputeId, String policyId, ChildReference child, String responsibleTeam,
            StaffReference actor, Track track, StageKey startingStage, Set<ConcernCategory> categories, String concern,
            String desiredOutcome, StaffReference assignee, StaffReference consultee, ProgressRating progressRating,
            StaffReference iro) {
        this(disputeId, policyId, child, responsibleTeam, actor, track, startingStage, categories, concern,
                desiredOutcome, assignee, consultee, progressRating, iro, null);
    }
}
