package uk.iro.disputes.command.dispute;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static uk.iro.disputes.kernel.rule.DisputeRuleViolation.require;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import uk.iro.disputes.kernel.calendar.BusinessDate;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.command.AcknowledgeStage;
import uk.iro.disputes.kernel.command.CloseDispute;
import uk.iro.disputes.kernel.command.Escalate;
import uk.iro.disputes.kernel.command.ExtendStageTimescale;
import uk.iro.disputes.kernel.command.RaiseDispute;
import uk.iro.disputes.kernel.command.RecordChildInformed;
import uk.iro.disputes.kernel.command.RecordDisputeResolutionMeeting;
import uk.iro.disputes.kernel.command.RecordMonitoringOutcome;
import uk.iro.disputes.kernel.command.RecordMonitoringOverdue;
import uk.iro.disputes.kernel.command.RecordStageDueSoon;
import uk.iro.disputes.kernel.command.RecordStageOverdue;
import uk.iro.disputes.kernel.command.RecordStatutoryTimescaleBreached;
import uk.iro.disputes.kernel.command.ReferToCafcass;
import uk.iro.disputes.kernel.command.RequestIndependentLegalAdvice;
import uk.iro.disputes.kernel.command.ResolveDispute;
import uk.iro.disputes.kernel.command.RespondToStage;
import uk.iro.disputes.kernel.command.WithdrawDispute;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.DisputeStatus;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
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
import uk.iro.disputes.kernel.policy.CafcassRule;
import uk.iro.disputes.kernel.policy.Consultation;
import uk.iro.disputes.kernel.policy.EscalationPolicy;
import uk.iro.disputes.kernel.policy.ImmediateConcernTrack;
import uk.iro.disputes.kernel.policy.PolicyCatalogue;
import uk.iro.disputes.kernel.policy.StageKey;
import uk.iro.disputes.kernel.policy.StagePolicy;
import uk.iro.disputes.kernel.rule.DisputeRule;
import uk.iro.disputes.kernel.rule.DisputeRuleViolation;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.kernel.state.Resolution;
import uk.iro.disputes.kernel.state.StageState;

/**
 * One dispute. Each command handler checks the rules of the process against the state and the policy the
 * dispute pinned, then applies events; the state changes only in the fold ({@link DisputeState#evolve}).
 * Policies, the calendar and the clock are injected into handlers, so dates are computed once, here, and stored
 * in the events.
 */
@Aggregate(commandTargetResolver = "expectedVersionTargetResolver")
public class Dispute {

    @AggregateIdentifier
    private DisputeId disputeId;
    private DisputeState state = DisputeState.initial();

    protected Dispute() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public Dispute(RaiseDispute command, PolicyCatalogue policies, WorkingDayCalendar calendar, Clock clock) {
        EscalationPolicy policy = policies.latest(command.policyId()).orElseThrow(() ->
                new DisputeRuleViolation(DisputeRule.POLICY_UNKNOWN, "no policy '" + command.policyId() + "'"));
        StaffReference iro = owningIro(command);
        ChildStatus childStatus = childStatus(command);
        require(policy.appliesTo(childStatus), DisputeRule.POLICY_NOT_FOR_CHILD_STATUS,
                "policy " + policy.ref() + " applies to " + policy.appliesTo() + ", not " + childStatus);
        LocalDate today = BusinessDate.today(clock);
        StagePolicy start = startingStage(command, policy);
        boolean formal = policy.isFormal(start.key());
        if (formal) {
            policy.formalStart().requiredConsultation().ifPresent(c -> requireConsulted(c, command.consultee(),
                    "starting the formal process"));
        }
        if (command.progressRating() != null) {
            require(command.track() == Track.INFORMAL
                            && policy.informalResolution().map(i -> i.progressRating()).orElse(false),
                    DisputeRule.PROGRESS_RATING_NOT_RECORDED, "policy " + policy.ref() + " records no progress rating here");
        }
        LocalDate writtenRecordDueOn = command.track() == Track.IMMEDIATE_CONCERN
                ? calendar.addWorkingDays(today, policy.immediateConcern().writtenRecordWithin())
                : null;
        apply(new DisputeRaised(command.disputeId(), policy.ref(), command.child(), command.responsibleTeam(),
                iro, command.track(), command.categories(), command.concern(), command.desiredOutcome(),
                command.consultee(), command.progressRating(), today, writtenRecordDueOn, childStatus))
                // Axon applies a creating handler's events after the constructor returns; the first stage is
                // opened once DisputeRaised is in the state, so it sees the dispute's id and track.
                .andThen(() -> openStage(policy, start, command.assignee(), today, calendar));
    }

    /**
     * The IRO, or for a child on a child-protection plan the conference chair, who owns the dispute: the raiser, or
     * the one an IRO manager names. A CP chair raises only child-protection disputes.
     */
    private static StaffReference owningIro(RaiseDispute command) {
        StaffReference actor = command.actor();
        StaffReference named = command.iro();
        if (actor.role() == Role.IRO || actor.role() == Role.CP_CHAIR) {
            require(named == null || named.equals(actor), DisputeRule.RAISER_NOT_IRO,
                    "an IRO or CP chair raises disputes for themselves, not for " + named);
            require(actor.role() != Role.CP_CHAIR || childStatus(command) == ChildStatus.CHILD_PROTECTION,
                    DisputeRule.RAISER_NOT_IRO, "a CP chair raises disputes about children on child-protection plans;"
                            + " a looked-after child's is raised by the IRO");
            return actor;
        }
        require(actor.role() == Role.IRO_MANAGER, DisputeRule.RAISER_NOT_IRO, "raised by a " + actor.role());
        require(named != null && (named.role() == Role.IRO || named.role() == Role.CP_CHAIR),
                DisputeRule.RAISER_NOT_IRO, "an IRO manager names the IRO or CP chair who owns the dispute");
        require(named.role() != Role.CP_CHAIR || childStatus(command) == ChildStatus.CHILD_PROTECTION,
                DisputeRule.RAISER_NOT_IRO, "a CP chair owns only child-protection disputes");
        return named;
    }

    /** As the command says; otherwise the owner's: child protection for a CP chair's dispute, else looked after. */
    private static ChildStatus childStatus(RaiseDispute command) {
        if (command.childStatus() != null) {
            return command.childStatus();
        }
        StaffReference owner = command.iro() != null ? command.iro() : command.actor();
        return owner.role() == Role.CP_CHAIR ? ChildStatus.CHILD_PROTECTION : ChildStatus.LOOKED_AFTER;
    }

    private static StagePolicy startingStage(RaiseDispute command, EscalationPolicy policy) {
        StageKey requested = command.startingStage();
        switch (command.track()) {
            case INFORMAL -> {
                StagePolicy informal = policy.informalResolution().map(i -> i.stage()).orElseThrow(() ->
                        new DisputeRuleViolation(DisputeRule.TRACK_NOT_OFFERED,
                                "policy " + policy.ref() + " has no informal stage"));
                require(requested == null || requested.equals(StageKey.INFORMAL), DisputeRule.STARTING_STAGE_NOT_CHOOSABLE,
                        "an informal dispute starts at the informal stage");
                return informal;
            }
            case IMMEDIATE_CONCERN -> {
                ImmediateConcernTrack track = policy.immediateConcernTrack().orElseThrow(() ->
                        new DisputeRuleViolation(DisputeRule.TRACK_NOT_OFFERED,
                                "policy " + policy.ref() + " has no immediate-concern track"));
                StageKey key = requested == null ? track.stages().get(0) : requested;
                require(track.stages().contains(key), DisputeRule.STARTING_STAGE_NOT_CHOOSABLE,
                        "the immediate-concern track runs through " + track.stages());
                return policy.stage(key).orElseThrow();
            }
            default -> {
                if (requested == null) {
                    return policy.firstFormalStage();
                }
                require(policy.isFormal(requested), DisputeRule.STAGE_UNKNOWN,
                        "policy " + policy.ref() + " has no formal stage '" + requested + "'");
                require(requested.equals(policy.firstFormalStage().key()) || policy.formalStart().iroChoosesStage(),
                        DisputeRule.STARTING_STAGE_NOT_CHOOSABLE,
                        "policy " + policy.ref() + " starts the formal process at " + policy.firstFormalStage().key());
                return policy.stage(requested).orElseThrow();
            }
        }
    }

    @CommandHandler
    public void handle(RespondToStage command, PolicyCatalogue policies, Clock clock) {
        requireRespondentOf(command.stage(), command.actor(), policies);
        StageState stage = requireCurrentStage(command.stage());
        require(!stage.isAnswered(), DisputeRule.STAGE_ALREADY_ANSWERED,
                "stage " + stage.key() + " was answered on " + stage.respondedOn());
        StagePolicy stagePolicy = policy(policies).stage(stage.key()).orElseThrow();
        StaffReference respondent = command.actor();
        require(respondent.isSamePersonAs(stage.assignee()) || stagePolicy.isAnsweredBy(respondent.role()),
                DisputeRule.RESPONDENT_NOT_ASSIGNEE,
                "stage " + stage.key() + " is answered by " + stagePolicy.assigneeRoles());
        apply(new StageResponseRecorded(disputeId, stage.key(), respondent, command.response(),
                command.plannedActions(), BusinessDate.today(clock)));
    }

    /**
     * The stage's assignee says they have it. Who may is checked first (as for a response); then the stage must be
     * the current one, unanswered and not yet acknowledged. The working days since it opened are recorded once, here.
     */
    @CommandHandler
    public void handle(AcknowledgeStage command, PolicyCatalogue policies, WorkingDayCalendar calendar, Clock clock) {
        StaffReference actor = command.actor();
        boolean holdsRole = policy(policies).stage(command.stage()).map(p -> p.isAnsweredBy(actor.role())).orElse(false);
        boolean named = state.stages().stream()
                .filter(s -> s.key().equals(command.stage()))
                .anyMatch(s -> actor.isSamePersonAs(s.assignee()));
        require(holdsRole || named || policy(policies).stage(command.stage()).isEmpty(),
                DisputeRule.ACKNOWLEDGER_NOT_ASSIGNEE, "stage " + command.stage() + " is acknowledged by its assignee or "
                        + policy(policies).stage(command.stage()).map(StagePolicy::assigneeRoles).orElse(List.of()));
        StageState stage = requireCurrentStage(command.stage());
        require(!stage.isAnswered(), DisputeRule.STAGE_ALREADY_ANSWERED,
                "stage " + stage.key() + " was answered on " + stage.respondedOn());
        if (stage.isAcknowledged()) {
            throw new DisputeRuleViolation(DisputeRule.STAGE_ALREADY_ACKNOWLEDGED, "stage " + stage.key()
                    + " was acknowledged on " + stage.acknowledgedOn() + " by " + stage.acknowledgedBy().staffId());
        }
        // The current stage's assignee (named or by role), as for a response: who opened it is not enough.
        require(actor.isSamePersonAs(stage.assignee()) || holdsRole, DisputeRule.ACKNOWLEDGER_NOT_ASSIGNEE,
                "stage " + stage.key() + " is acknowledged by its assignee");
        LocalDate today = BusinessDate.today(clock);
        apply(new StageAcknowledged(disputeId, stage.key(), actor, today,
                calendar.workingDaysBetween(stage.openedOn(), today)));
    }

    @CommandHandler
    public void handle(Escalate command, PolicyCatalogue policies, WorkingDayCalendar calendar, Clock clock) {
        requireIroOrManager(command.actor());
        EscalationPolicy policy = policy(policies);
        StageState current = requireCurrentStage(command.fromStage());
        StagePolicy target = escalationTarget(policy, current.key(), command.toStage());
        List<StageKey> bypassed = policy.stagesBetween(current.key(), target.key());
        boolean entersFormal = !state.hasFormallyStarted();
        if (!bypassed.isEmpty()) {
            boolean choosingFormalStart = entersFormal && policy.formalStart().iroChoosesStage();
            if (!choosingFormalStart) {
                require(policy.bypass().allowed(), DisputeRule.BYPASS_NOT_ALLOWED,
                        "escalating to " + target.key() + " would bypass " + bypassed);
                policy.bypass().requiredConsultation().ifPresent(c -> requireConsulted(c, command.consultee(),
                        "bypassing " + bypassed));
            }
        }
        if (entersFormal) {
            policy.formalStart().requiredConsultation().ifPresent(c -> requireConsulted(c, command.consultee(),
                    "starting the formal process"));
        }
        LocalDate today = BusinessDate.today(clock);
        apply(new DisputeEscalated(disputeId, current.key(), target.key(), bypassed, command.reason(), command.actor(),
                command.consultee(), today));
        openStage(policy, target, command.assignee(), today, calendar);
    }

    private static StagePolicy escalationTarget(EscalationPolicy policy, StageKey from, StageKey to) {
        if (to == null) {
            return policy.stageAfter(from).orElseThrow(() -> new DisputeRuleViolation(DisputeRule.NO_STAGE_BEYOND_LAST,
                    from + " is the last stage of " + policy.ref()));
        }
        require(policy.isFormal(to), DisputeRule.STAGE_UNKNOWN, "policy " + policy.ref() + " has no formal stage '" + to + "'");
        require(policy.formalIndexOf(to) > policy.formalIndexOf(from), DisputeRule.ESCALATION_MUST_GO_UP,
                to + " is not above " + from);
        return policy.stage(to).orElseThrow();
    }

    @CommandHandler
    public void handle(ExtendStageTimescale command, PolicyCatalogue policies, WorkingDayCalendar calendar,
            Clock clock) {
        requireIroOrManager(command.actor());
        EscalationPolicy policy = policy(policies);
        StageState stage = requireCurrentStage(command.stage());
        require(!stage.isAnswered(), DisputeRule.STAGE_ALREADY_ANSWERED, "stage " + stage.key() + " is answered");
        var rule = policy.extension();
        require(rule.allowed(), DisputeRule.EXTENSION_NOT_ALLOWED, "policy " + policy.ref() + " allows no extensions");
        require(rule.agreedBy().contains(asIro(command.actor().role())), DisputeRule.EXTENSION_NOT_AGREED_BY_ROLE,
                "extensions are agreed by " + rule.agreedBy());
        require(stage.dueDate() != null, DisputeRule.STAGE_HAS_NO_TIMESCALE, "stage " + stage.key() + " has no due date");
        require(command.newDueDate().isAfter(stage.dueDate()), DisputeRule.EXTENSION_MUST_MOVE_LATER,
                command.newDueDate() + " is not after " + stage.dueDate());
        rule.maximumExtension().ifPresent(max -> require(
                calendar.workingDaysBetween(stage.dueDate(), command.newDueDate()) <= max.count(),
                DisputeRule.EXTENSION_TOO_LONG, "an extension may add at most " + max.count() + " working days"));
        require(!rule.benefitToChildRequired() || hasText(command.benefitToChild()),
                DisputeRule.BENEFIT_TO_CHILD_REQUIRED, "say how the extension benefits the child");
        apply(new StageTimescaleExtended(disputeId, stage.key(), stage.dueDate(), command.newDueDate(),
                command.benefitToChild(), command.actor(), BusinessDate.today(clock)));
    }

    @CommandHandler
    public void handle(RecordDisputeResolutionMeeting command, PolicyCatalogue policies, Clock clock) {
        requireMeetingParty(command.actor(), policies);
        requireOpen();
        LocalDate today = BusinessDate.today(clock);
        requireNotFuture(command.heldOn(), today, "heldOn");
        StageKey stage = state.currentStageKey().orElseThrow();
        apply(new DisputeResolutionMeetingRecorded(disputeId, stage, command.heldOn(), command.attendeeRoles(),
                command.outcome(), command.summary(), command.actor(), today));
    }

    /** Nothing to do (and nothing appended) unless the stage named is still awaiting a response past this due date. */
    @CommandHandler
    public void handle(RecordStageOverdue command, Clock clock) {
        LocalDate today = BusinessDate.today(clock);
        Optional<StageState> current = state.isOpen() ? state.currentStage() : Optional.empty();
        boolean stillDue = current
                .filter(s -> s.key().equals(command.stage()))
                .filter(StageState::isAwaitingResponse)
                .filter(s -> !s.isRecordedOverdue())
                // a stage without a timescale has no due date and is never overdue
                .filter(s -> s.dueDate() != null && s.dueDate().equals(command.dueDate()))
                .filter(s -> today.isAfter(s.dueDate()))
                .isPresent();
        if (stillDue) {
            apply(new StageOverdue(disputeId, command.stage(), command.dueDate(), today));
        }
    }

    /**
     * A reminder, once per due date, from the scheduler's due-soon deadline: only while the stage still waits for a
     * response, its due date is the one the reminder was for, and that date has not passed.
     */
    @CommandHandler
    public void handle(RecordStageDueSoon command, WorkingDayCalendar calendar, Clock clock) {
        LocalDate today = BusinessDate.today(clock);
        Optional<StageState> current = state.isOpen() ? state.currentStage() : Optional.empty();
        boolean stillDue = current
                .filter(s -> s.key().equals(command.stage()))
                .filter(StageState::isAwaitingResponse)
                .filter(s -> !s.isRemindedDueSoon())
                .filter(s -> command.dueDate().equals(s.dueDate()))
                .filter(s -> !today.isAfter(s.dueDate()))
                .isPresent();
        if (stillDue) {
            int left = Math.max(0, calendar.workingDaysBetween(today, command.dueDate()));
            apply(new StageDueSoon(disputeId, command.stage(), command.dueDate(), today, left));
        }
    }

    /**
     * Recorded once, when the monitoring meeting's date has passed with no outcome and the dispute still waits for
     * it (resolved, not reopened, closed or resolved again with another date).
     */
    @CommandHandler
    public void handle(RecordMonitoringOverdue command, Clock clock) {
        LocalDate today = BusinessDate.today(clock);
        Resolution resolution = state.resolution();
        boolean lapsed = state.status() == DisputeStatus.RESOLVED
                && resolution != null
                && resolution.monitoringOutstanding()
                && resolution.monitoringOverdueOn() == null
                && resolution.monitoringDueOn().equals(command.monitoringDueOn())
                && today.isAfter(resolution.monitoringDueOn());
        if (lapsed) {
            apply(new MonitoringMeetingOverdue(disputeId, resolution.monitoringDueOn(), today));
        }
    }

    /** Recorded once, and only while the dispute is open past the stricter of its total timescales. */
    @CommandHandler
    public void handle(RecordStatutoryTimescaleBreached command, Clock clock) {
        LocalDate today = BusinessDate.today(clock);
        boolean breached = state.isOpen()
                && state.totalDueDate() != null
                && state.timescaleBreachedOn() == null
                && today.isAfter(state.totalDueDate());
        if (breached) {
            apply(new StatutoryTimescaleBreached(disputeId, state.totalDueDate(), today));
        }
    }

    @CommandHandler
    public void handle(ResolveDispute command, PolicyCatalogue policies, WorkingDayCalendar calendar, Clock clock) {
        requireIroOrManager(command.actor());
        requireOpen();
        require(command.outcome() != ResolutionOutcome.REFERRED_TO_CAFCASS, DisputeRule.OUTCOME_NEEDS_CAFCASS_REFERRAL,
                "refer the dispute to CAFCASS instead");
        EscalationPolicy policy = policy(policies);
        LocalDate today = BusinessDate.today(clock);
        LocalDate monitoringDueOn = policy.monitoringRule()
                .map(m -> calendar.addWorkingDays(today, m.meetingWithin()))
                .orElse(null);
        apply(new DisputeResolved(disputeId, command.outcome(), command.summary(), command.agreedActions(),
                state.currentStageKey().orElseThrow(), command.actor(), today, monitoringDueOn));
    }

    @CommandHandler
    public void handle(RecordMonitoringOutcome command, PolicyCatalogue policies, WorkingDayCalendar calendar,
            Clock clock) {
        requireIroOrManager(command.actor());
        requireNotEnded();
        require(state.status() == DisputeStatus.RESOLVED && state.resolution().monitoringOutstanding(),
                DisputeRule.NO_MONITORING_DUE, "no monitoring meeting is outstanding");
        require(command.achieved() || command.nextStep() != null, DisputeRule.MONITORING_NEXT_STEP_REQUIRED,
                "say whether to reopen or escalate");
        EscalationPolicy policy = policy(policies);
        StageKey lastStage = state.resolution().atStage();
        StagePolicy reopenAt = command.achieved() || command.nextStep() == MonitoringNextStep.REOPEN_AT_LAST_STAGE
                ? policy.stage(lastStage).orElseThrow()
                : escalationTarget(policy, lastStage, null);
        LocalDate today = BusinessDate.today(clock);
        apply(new MonitoringOutcomeRecorded(disputeId, command.achieved(), command.achieved() ? null : command.nextStep(),
                command.notes(), command.actor(), today));
        if (command.achieved()) {
            return;
        }
        apply(new DisputeReopened(disputeId, lastStage, "agreed actions not achieved", today));
        if (!reopenAt.key().equals(lastStage)) {
            apply(new DisputeEscalated(disputeId, lastStage, reopenAt.key(), List.of(),
                    "agreed actions not achieved at monitoring", command.actor(), null, today));
        }
        openStage(policy, reopenAt, null, today, calendar);
    }

    @CommandHandler
    public void handle(ReferToCafcass command, PolicyCatalogue policies, Clock clock) {
        requireIroOrManager(command.actor());
        requireOpen();
        if (state.isReferredToCafcass()) {
            throw new DisputeRuleViolation(DisputeRule.CAFCASS_ALREADY_REFERRED,
                    "referred on " + state.cafcassReferral().referredOn());
        }
        require(state.childStatus() == ChildStatus.LOOKED_AFTER, DisputeRule.CAFCASS_ONLY_FOR_LOOKED_AFTER_CHILDREN,
                "the child is on a child-protection plan; CAFCASS referral is the IRO's power for looked-after children");
        EscalationPolicy policy = policy(policies);
        StageKey at = state.currentStageKey().orElseThrow();
        boolean atLastStage = policy.isLastFormalStage(at);
        CafcassRule rule = policy.cafcass();
        require(atLastStage || rule.atAnyStage(), DisputeRule.CAFCASS_ONLY_AT_LAST_STAGE,
                "policy " + policy.ref() + " refers to CAFCASS from " + policy.lastFormalStage().key());
        rule.requiredConsultation().ifPresent(c -> requireConsulted(c, command.consultee(), "referring to CAFCASS"));
        CafcassRule.Effect effect = atLastStage ? rule.atLastStage() : rule.beforeLastStage();
        LocalDate today = BusinessDate.today(clock);
        apply(new ReferredToCafcass(disputeId, at, command.reason(), command.actor(), command.consultee(), effect, today));
        if (effect == CafcassRule.Effect.CLOSES_ESCALATION) {
            apply(new DisputeResolved(disputeId, ResolutionOutcome.REFERRED_TO_CAFCASS, command.reason(), List.of(),
                    at, command.actor(), today, null));
        }
    }

    @CommandHandler
    public void handle(RequestIndependentLegalAdvice command, Clock clock) {
        requireIroOrManager(command.actor());
        requireNotEnded();
        apply(new IndependentLegalAdviceRequested(disputeId, command.reason(), command.actor(), BusinessDate.today(clock)));
    }

    @CommandHandler
    public void handle(RecordChildInformed command, Clock clock) {
        requireIroOrManager(command.actor());
        requireNotEnded();
        LocalDate today = BusinessDate.today(clock);
        requireNotFuture(command.informedOn(), today, "informedOn");
        apply(new ChildInformed(disputeId, command.informedOn(), command.how(), command.actor(), today));
    }

    @CommandHandler
    public void handle(WithdrawDispute command, Clock clock) {
        requireIroOrManager(command.actor());
        requireOpen();
        apply(new DisputeWithdrawn(disputeId, command.reason(), command.actor(), BusinessDate.today(clock)));
    }

    @CommandHandler
    public void handle(CloseDispute command, PolicyCatalogue policies, Clock clock) {
        var closure = policy(policies).closure();
        StaffReference actor = command.actor();
        require(closure.authorisedBy().contains(asIro(actor.role())), DisputeRule.CLOSURE_NOT_AUTHORISED,
                "the record is authorised by " + closure.authorisedBy());
        require(!closure.ownIroOnly() || actor.isSamePersonAs(state.iro()), DisputeRule.CLOSURE_NOT_AUTHORISED,
                "only the dispute's own IRO authorises the record");
        require(asIro(actor.role()) != Role.IRO || actor.isSamePersonAs(state.iro()), DisputeRule.CLOSURE_NOT_AUTHORISED,
                "an IRO authorises only their own disputes' records");
        requireNotEnded();
        require(state.status() == DisputeStatus.RESOLVED, DisputeRule.DISPUTE_NOT_RESOLVED,
                "the dispute is " + state.status());
        require(!state.resolution().monitoringOutstanding(), DisputeRule.MONITORING_OUTSTANDING,
                "monitoring meeting due on " + state.resolution().monitoringDueOn());
        apply(new DisputeClosed(disputeId, actor, BusinessDate.today(clock)));
    }

    @EventSourcingHandler
    void on(DisputeEvent event) {
        if (event instanceof DisputeRaised raised) {
            disputeId = raised.disputeId();
        }
        state = state.evolve(event);
    }

    /** The state as folded so far: for tests and for the API's answer (the dispute's version). */
    public DisputeState state() {
        return state;
    }

    // ---- steps shared by several handlers

    private void openStage(EscalationPolicy policy, StagePolicy stage, StaffReference assignee, LocalDate today,
            WorkingDayCalendar calendar) {
        boolean formal = policy.isFormal(stage.key());
        LocalDate formalStartedOn = state.formalStartedOn();
        if (formal && formalStartedOn == null) {
            formalStartedOn = today;
            LocalDate informalOpenedOn = state.stages().stream()
                    .filter(s -> !s.formal()).map(StageState::openedOn).findFirst().orElse(null);
            apply(new FormalProcessStarted(disputeId, stage.key(), today,
                    policy.declaredTotalDueDate(today, informalOpenedOn, calendar),
                    EscalationPolicy.statutoryDueDate(today, calendar)));
        }
        LocalDate dueDate = policy.dueDateOf(stage.key(), state.track(), today, formalStartedOn, calendar);
        apply(new StageOpened(disputeId, stage.key(), stage.title(), stage.assigneeRole(), assignee, formal, today,
                dueDate));
    }

    private EscalationPolicy policy(PolicyCatalogue policies) {
        return policies.find(state.policy()).orElseThrow(() ->
                new IllegalStateException("policy " + state.policy() + " pinned by dispute " + disputeId
                        + " is no longer loaded; policy files must keep every version in use"));
    }

    /** A CP chair acts as the IRO of the child-protection disputes they own, wherever a policy names the IRO. */
    private static Role asIro(Role role) {
        return role == Role.CP_CHAIR ? Role.IRO : role;
    }

    /** Steps the issue gives to the dispute's own IRO (or CP chair) or any IRO manager. */
    private void requireIroOrManager(StaffReference actor) {
        require(actor.role() == Role.IRO_MANAGER || (asIro(actor.role()) == Role.IRO && actor.isSamePersonAs(state.iro())),
                DisputeRule.NOT_THE_DISPUTES_IRO, actor.staffId() + " (" + actor.role() + ") is not this dispute's IRO");
    }

    /**
     * Who may answer is checked before anything about the dispute's state, so someone with no part in it learns
     * nothing about where it stands: the holder of the named stage's assignee role, or the person a stage of that
     * key was assigned to.
     */
    private void requireRespondentOf(StageKey stage, StaffReference actor, PolicyCatalogue policies) {
        boolean holdsRole = policy(policies).stage(stage).map(p -> p.isAnsweredBy(actor.role())).orElse(false);
        boolean named = state.stages().stream()
                .filter(s -> s.key().equals(stage))
                .anyMatch(s -> actor.isSamePersonAs(s.assignee()));
        boolean stageExists = policy(policies).stage(stage).isPresent();
        require(!stageExists || holdsRole || named, DisputeRule.RESPONDENT_NOT_ASSIGNEE,
                "stage " + stage + " is answered by its assignee or " + policy(policies).stage(stage)
                        .map(StagePolicy::assigneeRoles).orElse(List.of()));
    }

    private void requireMeetingParty(StaffReference actor, PolicyCatalogue policies) {
        boolean iroSide = actor.role() == Role.IRO_MANAGER
                || (asIro(actor.role()) == Role.IRO && actor.isSamePersonAs(state.iro()));
        boolean respondentSide = state.currentStage()
                .map(stage -> actor.isSamePersonAs(stage.assignee())
                        || policy(policies).stage(stage.key()).map(p -> p.isAnsweredBy(actor.role())).orElse(false))
                .orElse(false);
        require(iroSide || respondentSide, DisputeRule.NOT_A_MEETING_PARTY,
                actor.staffId() + " (" + actor.role() + ") is neither the IRO side nor the stage's respondent");
    }

    private void requireNotEnded() {
        require(state.status() != DisputeStatus.CLOSED, DisputeRule.DISPUTE_CLOSED, "closed on " + state.closedOn());
        require(state.status() != DisputeStatus.WITHDRAWN, DisputeRule.DISPUTE_WITHDRAWN,
                "withdrawn on " + state.withdrawnOn());
    }

    private void requireOpen() {
        requireNotEnded();
        require(state.isOpen(), DisputeRule.DISPUTE_NOT_OPEN, "the dispute is " + state.status());
    }

    private StageState requireCurrentStage(StageKey stage) {
        requireOpen();
        StageState current = state.currentStage().orElseThrow();
        require(current.key().equals(stage), DisputeRule.STAGE_NOT_CURRENT,
                "the dispute is at " + current.key() + ", not " + stage);
        return current;
    }

    private static void requireConsulted(Consultation consultation, StaffReference consultee, String step) {
        require(consultee != null && consultee.role() == consultation.role(), DisputeRule.CONSULTATION_REQUIRED,
                step + " requires consulting the " + consultation.position() + " (" + consultation.role() + ")");
    }

    private static void requireNotFuture(LocalDate date, LocalDate today, String field) {
        require(!date.isAfter(today), DisputeRule.DATE_IN_FUTURE, field + " " + date + " is after today, " + today);
    }

    private static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }
}
