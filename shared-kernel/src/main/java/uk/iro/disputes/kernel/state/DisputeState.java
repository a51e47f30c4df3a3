package uk.iro.disputes.kernel.state;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.DisputeStatus;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.ChildInformed;
import uk.iro.disputes.kernel.event.DisputeClosed;
import uk.iro.disputes.kernel.event.DisputeEscalated;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.event.DisputeRaised;
import uk.iro.disputes.kernel.event.DisputeReopened;
import uk.iro.disputes.kernel.event.DisputeResolutionMeetingRecorded;
import uk.iro.disputes.kernel.event.DisputeResolved;
import uk.iro.disputes.kernel.event.DisputeWithdrawn;
import uk.iro.disputes.kernel.event.FormalProcessStarted;
import uk.iro.disputes.kernel.event.IndependentLegalAdviceRequested;
import uk.iro.disputes.kernel.event.MonitoringMeetingOverdue;
import uk.iro.disputes.kernel.event.MonitoringOutcomeRecorded;
import uk.iro.disputes.kernel.event.ReferredToCafcass;
import uk.iro.disputes.kernel.event.StageAcknowledged;
import uk.iro.disputes.kernel.event.StageDueSoon;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.event.StageOverdue;
import uk.iro.disputes.kernel.event.StageResponseRecorded;
import uk.iro.disputes.kernel.event.StageTimescaleExtended;
import uk.iro.disputes.kernel.event.StatutoryTimescaleBreached;
import uk.iro.disputes.kernel.policy.PolicyRef;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * The state of one dispute after some prefix of its events. Immutable; {@link #evolve} is the only way to a
 * new state, and it never decides anything: it records what the events say happened.
 *
 * @param version the sequence number of the last event folded in (-1 before the first)
 * @param stages every stage visit so far, in the order opened; the current stage, if any, is the last
 * @param cafcassReferral null unless referred
 * @param resolution null unless resolved (cleared again if a failed monitoring check reopens the dispute)
 * @param childStatus looked after or child protection (looked after where a stored state predates it)
 */
public record DisputeState(
        long version,
        DisputeId disputeId,
        PolicyRef policy,
        ChildReference child,
        String responsibleTeam,
        StaffReference iro,
        Track track,
        Set<ConcernCategory> categories,
        String concern,
        String desiredOutcome,
        LocalDate raisedOn,
        LocalDate writtenRecordDueOn,
        DisputeStatus status,
        List<StageState> stages,
        LocalDate formalStartedOn,
        LocalDate totalDueDate,
        LocalDate statutoryDueDate,
        LocalDate timescaleBreachedOn,
        CafcassReferral cafcassReferral,
        List<LocalDate> legalAdviceRequestedOn,
        List<LocalDate> childInformedOn,
        List<MeetingRecord> meetings,
        Resolution resolution,
        int reopenings,
        LocalDate withdrawnOn,
        LocalDate closedOn,
        ChildStatus childStatus) {

    public DisputeState {
        categories = categories == null ? Set.of() : Set.copyOf(categories);
        stages = List.copyOf(stages);
        legalAdviceRequestedOn = List.copyOf(legalAdviceRequestedOn);
        childInformedOn = List.copyOf(childInformedOn);
        meetings = List.copyOf(meetings);
        childStatus = childStatus == null && disputeId != null ? ChildStatus.LOOKED_AFTER : childStatus;
    }

    /** Before the first event. */
    public static DisputeState initial() {
        return new DisputeState(-1, null, null, null, null, null, null, Set.of(), null, null, null, null, null,
                List.of(), null, null, null, null, null, List.of(), List.of(), List.of(), null, 0, null, null, null);
    }

    /** The state after all of {@code events}, in order. */
    public static DisputeState of(Iterable<? extends DisputeEvent> events) {
        DisputeState state = initial();
        for (DisputeEvent event : events) {
            state = state.evolve(event);
        }
        return state;
    }

    /** The state after one more event. */
    public DisputeState evolve(DisputeEvent event) {
        Change next = new Change(this);
        next.version = version + 1;
        if (event instanceof DisputeRaised e) {
            next.disputeId = e.disputeId();
            next.policy = e.policy();
            next.child = e.child();
            next.responsibleTeam = e.responsibleTeam();
            next.iro = e.iro();
            next.track = e.track();
            next.categories = e.categories();
            next.concern = e.concern();
            next.desiredOutcome = e.desiredOutcome();
            next.raisedOn = e.raisedOn();
            next.writtenRecordDueOn = e.writtenRecordDueOn();
            next.status = DisputeStatus.OPEN;
            next.childStatus = e.childStatus();
        } else if (event instanceof StageOpened e) {
            next.leaveCurrentStage(e.openedOn());
            next.stages.add(new StageState(e.stage(), e.title(), e.assigneeRole(), e.assignee(), e.formal(),
                    e.openedOn(), e.dueDate(), 0, null, null, null, null, List.of(), null, null, null, null, null));
        } else if (event instanceof FormalProcessStarted e) {
            next.formalStartedOn = e.startedOn();
            next.totalDueDate = e.totalDueDate();
            next.statutoryDueDate = e.statutoryDueDate();
        } else if (event instanceof StageResponseRecorded e) {
            next.replaceCurrentStage(s -> s.answered(e.respondent(), e.response(), e.plannedActions(), e.respondedOn()));
        } else if (event instanceof DisputeEscalated e) {
            next.leaveCurrentStage(e.escalatedOn());
        } else if (event instanceof StageTimescaleExtended e) {
            next.replaceCurrentStage(s -> s.extendedTo(e.newDueDate()));
        } else if (event instanceof DisputeResolutionMeetingRecorded e) {
            next.meetings.add(new MeetingRecord(e.stage(), e.heldOn(), e.attendeeRoles(), e.outcome()));
        } else if (event instanceof StageOverdue e) {
            next.replaceCurrentStage(s -> s.overdue(e.recordedOn()));
        } else if (event instanceof StatutoryTimescaleBreached e) {
            next.timescaleBreachedOn = e.recordedOn();
        } else if (event instanceof DisputeResolved e) {
            next.leaveCurrentStage(e.resolvedOn());
            next.status = DisputeStatus.RESOLVED;
            next.resolution = new Resolution(e.outcome(), e.atStage(), e.resolvedOn(), e.agreedActions(),
                    e.monitoringDueOn(), null, null, null);
        } else if (event instanceof MonitoringOutcomeRecorded e) {
            Resolution r = resolution;
            next.resolution = new Resolution(r.outcome(), r.atStage(), r.resolvedOn(), r.agreedActions(),
                    r.monitoringDueOn(), e.achieved(), e.recordedOn(), r.monitoringOverdueOn());
        } else if (event instanceof DisputeReopened e) {
            next.status = DisputeStatus.OPEN;
            next.resolution = null;
            next.reopenings = reopenings + 1;
        } else if (event instanceof ReferredToCafcass e) {
            next.cafcassReferral = new CafcassReferral(e.atStage(), e.referredOn(), e.effect());
        } else if (event instanceof IndependentLegalAdviceRequested e) {
            next.legalAdviceRequestedOn.add(e.requestedOn());
        } else if (event instanceof ChildInformed e) {
            next.childInformedOn.add(e.informedOn());
        } else if (event instanceof StageDueSoon e) {
            next.replaceCurrentStage(s -> s.remindedDueSoon(e.remindedOn()));
        } else if (event instanceof MonitoringMeetingOverdue e) {
            Resolution r = resolution;
            next.resolution = new Resolution(r.outcome(), r.atStage(), r.resolvedOn(), r.agreedActions(),
                    r.monitoringDueOn(), r.monitoringAchieved(), r.monitoringRecordedOn(), e.recordedOn());
        } else if (event instanceof DisputeWithdrawn e) {
            next.leaveCurrentStage(e.withdrawnOn());
            next.status = DisputeStatus.WITHDRAWN;
            next.withdrawnOn = e.withdrawnOn();
        } else if (event instanceof StageAcknowledged e) {
            next.replaceCurrentStage(s -> s.acknowledged(e.acknowledgedBy(), e.acknowledgedOn(),
                    e.workingDaysAfterOpening()));
        } else if (event instanceof DisputeClosed e) {
            next.status = DisputeStatus.CLOSED;
            next.closedOn = e.closedOn();
        } else {
            throw new IllegalArgumentException("no fold for " + event.getClass().getName());
        }
        return next.build();
    }

    public boolean exists() {
        return disputeId != null;
    }

    public boolean isOpen() {
        return status == DisputeStatus.OPEN;
    }

    /** The stage the dispute is at and waiting on, if it is open. */
    public Optional<StageState> currentStage() {
        if (stages.isEmpty()) {
            return Optional.empty();
        }
        StageState last = stages.get(stages.size() - 1);
        return last.isCurrent() ? Optional.of(last) : Optional.empty();
    }

    /** The last stage the dispute reached, current or not. */
    public Optional<StageState> lastStage() {
        return stages.isEmpty() ? Optional.empty() : Optional.of(stages.get(stages.size() - 1));
    }

    public Optional<StageKey> currentStageKey() {
        return currentStage().map(StageState::key);
    }

    public boolean hasFormallyStarted() {
        return formalStartedOn != null;
    }

    public boolean isReferredToCafcass() {
        return cafcassReferral != null;
    }

    /** Overdue on {@code today}: its current stage's due date has passed unanswered. */
    public boolean isOverdueOn(LocalDate today) {
        return isOpen() && currentStage().map(s -> s.isOverdueOn(today)).orElse(false);
    }

    /** A mutable copy, local to one step of the fold. */
    private static final class Change {
        long version;
        DisputeId disputeId;
        PolicyRef policy;
        ChildReference child;
        String responsibleTeam;
        StaffReference iro;
        Track track;
        Set<ConcernCategory> categories;
        String concern;
        String desiredOutcome;
        LocalDate raisedOn;
        LocalDate writtenRecordDueOn;
        DisputeStatus status;
        final List<StageState> stages;
        LocalDate formalStartedOn;
        LocalDate totalDueDate;
        LocalDate statutoryDueDate;
        LocalDate timescaleBreachedOn;
        CafcassReferral cafcassReferral;
        final List<LocalDate> legalAdviceRequestedOn;
        final List<LocalDate> childInformedOn;
        final List<MeetingRecord> meetings;
        Resolution resolution;
        int reopenings;
        LocalDate withdrawnOn;
        LocalDate closedOn;
        ChildStatus childStatus;

        Change(DisputeState s) {
            version = s.version;
            disputeId = s.disputeId;
            policy = s.policy;
            child = s.child;
            responsibleTeam = s.responsibleTeam;
            iro = s.iro;
            track = s.track;
            categories = s.categories;
            concern = s.concern;
            desiredOutcome = s.desiredOutcome;
            raisedOn = s.raisedOn;
            writtenRecordDueOn = s.writtenRecordDueOn;
            status = s.status;
            stages = new ArrayList<>(s.stages);
            formalStartedOn = s.formalStartedOn;
            totalDueDate = s.totalDueDate;
            statutoryDueDate = s.statutoryDueDate;
            timescaleBreachedOn = s.timescaleBreachedOn;
            cafcassReferral = s.cafcassReferral;
            legalAdviceRequestedOn = new ArrayList<>(s.legalAdviceRequestedOn);
            childInformedOn = new ArrayList<>(s.childInformedOn);
            meetings = new ArrayList<>(s.meetings);
            resolution = s.resolution;
            reopenings = s.reopenings;
            withdrawnOn = s.withdrawnOn;
            closedOn = s.closedOn;
            childStatus = s.childStatus;
        }

        void replaceCurrentStage(java.util.function.UnaryOperator<StageState> change) {
            int last = stages.size() - 1;
            if (last >= 0 && stages.get(last).isCurrent()) {
                stages.set(last, change.apply(stages.get(last)));
            }
        }

        void leaveCurrentStage(LocalDate on) {
            replaceCurrentStage(s -> s.left(on));
        }

        DisputeState build() {
            return new DisputeState(version, disputeId, policy, child, responsibleTeam, iro, track, categories,
                    concern, desiredOutcome, raisedOn, writtenRecordDueOn, status, stages, formalStartedOn,
                    totalDueDate, statutoryDueDate, timescaleBreachedOn, cafcassReferral, legalAdviceRequestedOn,
                    childInformedOn, meetings, resolution, reopenings, withdrawnOn, closedOn, childStatus);
        }
    }
}
