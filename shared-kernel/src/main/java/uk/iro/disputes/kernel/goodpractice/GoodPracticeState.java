package uk.iro.disputes.kernel.goodpractice;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;

/**
 * The state of one good-practice alert after some prefix of its events; {@link #evolve} only records what happened.
 *
 * @param version the sequence number of the last event folded in (-1 before the first)
 */
public record GoodPracticeState(
        long version,
        GoodPracticeId alertId,
        ChildReference child,
        String responsibleTeam,
        DisputeId relatedDispute,
        StaffReference manager,
        String description,
        StaffReference recordedBy,
        LocalDate recordedOn,
        StaffReference acknowledgedBy,
        LocalDate acknowledgedOn) {

    /** Who may record good practice: those who raise disputes (an IRO, a CP chair) and IRO managers. */
    public static final Set<Role> RECORDERS = Set.copyOf(EnumSet.of(Role.IRO, Role.CP_CHAIR, Role.IRO_MANAGER));
    /** Who may acknowledge it: the managers of the child's social work (and a named manager holds one of these). */
    public static final Set<Role> ACKNOWLEDGERS = Set.copyOf(EnumSet.of(Role.TEAM_MANAGER, Role.SENIOR_MANAGER));

    public static GoodPracticeState initial() {
        return new GoodPracticeState(-1, null, null, null, null, null, null, null, null, null, null);
    }

    public static GoodPracticeState of(Iterable<? extends GoodPracticeEvent> events) {
        GoodPracticeState state = initial();
        for (GoodPracticeEvent event : events) {
            state = state.evolve(event);
        }
        return state;
    }

    public GoodPracticeState evolve(GoodPracticeEvent event) {
        if (event instanceof GoodPracticeRecorded e) {
            return new GoodPracticeState(version + 1, e.alertId(), e.child(), e.responsibleTeam(), e.relatedDispute(),
                    e.manager(), e.description(), e.recordedBy(), e.recordedOn(), null, null);
        }
        if (event instanceof GoodPracticeAcknowledged e) {
            return new GoodPracticeState(version + 1, alertId, child, responsibleTeam, relatedDispute, manager,
                    description, recordedBy, recordedOn, e.acknowledgedBy(), e.acknowledgedOn());
        }
        throw new IllegalArgumentException("no fold for " + event.getClass().getName());
    }

    public boolean isAcknowledged() {
        return acknowledgedOn != null;
    }

    /** The named manager only, where the recorder named one; otherwise any holder of a managing role. */
    public boolean mayBeAcknowledgedBy(StaffReference actor) {
        return ACKNOWLEDGERS.contains(actor.role()) && (manager == null || actor.isSamePersonAs(manager));
    }
}
