package uk.iro.disputes.query.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ProgressRating;
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
import uk.iro.disputes.kernel.event.MonitoringOutcomeRecorded;
import uk.iro.disputes.kernel.event.ReferredToCafcass;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.event.StageOverdue;
import uk.iro.disputes.kernel.event.StageResponseRecorded;
import uk.iro.disputes.kernel.event.StageTimescaleExtended;
import uk.iro.disputes.kernel.event.StatutoryTimescaleBreached;
import uk.iro.disputes.kernel.policy.CafcassRule;
import uk.iro.disputes.kernel.policy.EscalationPolicy;
import uk.iro.disputes.kernel.policy.StageKey;
import uk.iro.disputes.kernel.policy.StagePolicy;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.kernel.state.StageState;

/**
 * Walks one dispute through its policy and writes the events to the store, mirroring the Dispute aggregate's
 * emission rules (which events each step records, in which order, and the due dates computed from the pinned policy
 * and the working-day calendar when a stage opens). It checks nothing: tests ask only for legal walks.
 *
 * <p>The important suites use the real aggregate instead ({@link RealDispute}). This mirror stays for what real
 * time cannot give: steps dated days or weeks apart (overdue by the calendar, the list API's date filters and
 * sorting, the report over Christmas), appends held open in a transaction (late commits), and streams for failure
 * injection (the dead-letter queue).
 */
public final class Ladder {
    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    public static final StaffReference SCHEDULER = StaffReference.of("deadline-scheduler", Role.SYSTEM);

    private final StoreWriter writer;
    private final EscalationPolicy policy;
    private final WorkingDayCalendar calendar;
    private final DisputeId id = new DisputeId(UUID.randomUUID().toString());
    private final List<DisputeEvent> events = new ArrayList<>();
    private final List<Instant> times = new ArrayList<>();
    private DisputeState state = DisputeState.initial();
    private Instant now = Instant.now();
    private String team = "Team " + UUID.randomUUID().toString().substring(0, 8);
    private String childCase = "CASE-" + UUID.randomUUID().toString().substring(0, 8);
    private Set<ConcernCategory> categories = Set.of(ConcernCategory.HEALTH);
    private uk.iro.disputes.kernel.dispute.ChildStatus childStatus;
    private StaffReference iro = StaffReference.of("iro-" + UUID.randomUUID().toString().substring(0, 6), Role.IRO);

    public Ladder(StoreWriter writer, EscalationPolicy policy, WorkingDayCalendar calendar) {
        this.writer = writer;
        this.policy = policy;
        this.calendar = calendar;
    }

    // ---- set-up before raising

    public Ladder team(String team) {
        this.team = team;
        return this;
    }

    public Ladder child(String caseId) {
        this.childCase = caseId;
        return this;
    }

    public Ladder categories(ConcernCategory... categories) {
        this.categories = Set.of(categories);
        return this;
    }

    public Ladder childStatus(uk.iro.disputes.kernel.dispute.ChildStatus childStatus) {
        this.childStatus = childStatus;
        return this;
    }

    public Ladder iro(StaffReference iro) {
        this.iro = iro;
        return this;
    }

    /** Steps from now on happen at 10:00 Europe/London on this date. */
    public Ladder on(LocalDate date) {
        return at(date.atTime(LocalTime.of(10, 0)).atZone(LONDON).toInstant());
    }

    public Ladder at(Instant instant) {
        this.now = instant;
        return this;
    }

    // ---- the steps, as the aggregate records them

    public Ladder raise(Track track) {
        return raise(track, null, null);
    }

    public Ladder raise(Track track, StageKey startingStage, ProgressRating rating) {
        StagePolicy start = switch (track) {
            case INFORMAL -> policy.informalResolution().orElseThrow().stage();
            case IMMEDIATE_CONCERN -> policy.stage(startingStage == null
                    ? policy.immediateConcernTrack().orElseThrow().stages().get(0) : startingStage).orElseThrow();
            case FORMAL -> startingStage == null ? policy.firstFormalStage() : policy.stage(startingStage).orElseThrow();
        };
        LocalDate today = today();
        LocalDate writtenRecordDueOn = track == Track.IMMEDIATE_CONCERN
                ? calendar.addWorkingDays(today, policy.immediateConcern().writtenRecordWithin()) : null;
        StaffReference consultee = track == Track.FORMAL
                ? policy.formalStart().requiredConsultation().map(c -> StaffReference.of("consultee-1", c.role()))
                        .orElse(null)
                : null;
        List<DisputeEvent> step = new ArrayList<>();
        step.add(new DisputeRaised(id, policy.ref(), new ChildReference(childCase), team, iro, track, categories,
                "The care plan's health assessment is overdue.", "An assessment booked within two weeks.",
                consultee, rating, today, writtenRecordDueOn, childStatus));
        fold(step);
        openStage(start, null, step);
        return record(iro, step);
    }

    public Ladder respond(StaffReference respondent, String response, PlannedAction... actions) {
        StageState current = state.currentStage().orElseThrow();
        return record(respondent, List.of(new StageResponseRecorded(id, current.key(), respondent, response,
                List.of(actions), today())));
    }

    /** The current stage's assignee acknowledges it, with the working days since it opened. */
    public Ladder acknowledge(StaffReference by) {
        StageState current = state.currentStage().orElseThrow();
        return record(by, List.of(new uk.iro.disputes.kernel.event.StageAcknowledged(id, current.key(), by, today(),
                calendar.workingDaysBetween(current.openedOn(), today()))));
    }

    public Ladder escalate(StageKey to) {
        return escalate(iro, to, null);
    }

    public Ladder escalate(StaffReference actor, StageKey to, StaffReference assignee) {
        StageState current = state.currentStage().orElseThrow();
        StagePolicy target = to == null ? policy.stageAfter(current.key()).orElseThrow() : policy.stage(to).orElseThrow();
        List<DisputeEvent> step = new ArrayList<>();
        step.add(new DisputeEscalated(id, current.key(), target.key(), policy.stagesBetween(current.key(), target.key()),
                "No response that meets the child's needs.", actor, null, today()));
        fold(step);
        openStage(target, assignee, step);
        return record(actor, step);
    }

    public Ladder extend(LocalDate newDueDate) {
        StageState current = state.currentStage().orElseThrow();
        return record(iro, List.of(new StageTimescaleExtended(id, current.key(), current.dueDate(), newDueDate,
                "Time for the parenting assessment to report.", iro, today())));
    }

    public Ladder meeting(StaffReference actor, MeetingOutcome outcome, Role... attendees) {
        StageKey stage = state.currentStageKey().orElseThrow();
        return record(actor, List.of(new DisputeResolutionMeetingRecorded(id, stage, today(), Set.of(attendees),
                outcome, "Met to agree the next steps.", actor, today())));
    }

    public Ladder overdue() {
        StageState current = state.currentStage().orElseThrow();
        return record(SCHEDULER, List.of(new StageOverdue(id, current.key(), current.dueDate(), today())));
    }

    public Ladder breach() {
        return record(SCHEDULER, List.of(new StatutoryTimescaleBreached(id, state.totalDueDate(), today())));
    }

    public Ladder resolve(ResolutionOutcome outcome, PlannedAction... agreed) {
        LocalDate monitoringDueOn = policy.monitoringRule()
                .map(m -> calendar.addWorkingDays(today(), m.meetingWithin())).orElse(null);
        return record(iro, List.of(new DisputeResolved(id, outcome, "Assessment booked; plan updated.", List.of(agreed),
                state.currentStageKey().orElseThrow(), iro, today(), monitoringDueOn)));
    }

    public Ladder monitoring(boolean achieved, MonitoringNextStep nextStep) {
        StageKey lastStage = state.resolution().atStage();
        List<DisputeEvent> step = new ArrayList<>();
        step.add(new MonitoringOutcomeRecorded(id, achieved, achieved ? null : nextStep, "Checked at the meeting.",
                iro, today()));
        if (!achieved) {
            step.add(new DisputeReopened(id, lastStage, "agreed actions not achieved", today()));
            StagePolicy reopenAt = nextStep == MonitoringNextStep.REOPEN_AT_LAST_STAGE
                    ? policy.stage(lastStage).orElseThrow() : policy.stageAfter(lastStage).orElseThrow();
            if (!reopenAt.key().equals(lastStage)) {
                step.add(new DisputeEscalated(id, lastStage, reopenAt.key(), List.of(),
                        "agreed actions not achieved at monitoring", iro, null, today()));
            }
            fold(step);
            openStage(reopenAt, null, step);
            return record(iro, step);
        }
        return record(iro, step);
    }

    public Ladder referToCafcass() {
        StageKey at = state.currentStageKey().orElseThrow();
        CafcassRule rule = policy.cafcass();
        CafcassRule.Effect effect = policy.isLastFormalStage(at) ? rule.atLastStage() : rule.beforeLastStage();
        StaffReference consultee = rule.requiredConsultation()
                .map(c -> StaffReference.of("consultee-2", c.role())).orElse(null);
        List<DisputeEvent> step = new ArrayList<>();
        step.add(new ReferredToCafcass(id, at, "The plan still does not meet the child's needs.", iro, consultee,
                effect, today()));
        if (effect == CafcassRule.Effect.CLOSES_ESCALATION) {
            step.add(new DisputeResolved(id, ResolutionOutcome.REFERRED_TO_CAFCASS,
                    "The plan still does not meet the child's needs.", List.of(), at, iro, today(), null));
        }
        return record(iro, step);
    }

    public Ladder legalAdvice() {
        return record(iro, List.of(new IndependentLegalAdviceRequested(id, "Care proceedings may be needed.", iro,
                today())));
    }

    public Ladder childInformed() {
        return record(iro, List.of(new ChildInformed(id, today(), "At the review meeting.", iro, today())));
    }

    public Ladder withdraw() {
        return record(iro, List.of(new DisputeWithdrawn(id, "The concern was raised in error.", iro, today())));
    }

    public Ladder close() {
        return record(iro, List.of(new DisputeClosed(id, iro, today())));
    }

    // ---- what happened

    public DisputeId id() {
        return id;
    }

    public String idValue() {
        return id.value();
    }

    public DisputeState state() {
        return state;
    }

    public long version() {
        return state.version();
    }

    public List<DisputeEvent> events() {
        return List.copyOf(events);
    }

    /** The time each event was recorded at, by sequence number. */
    public List<Instant> times() {
        return List.copyOf(times);
    }

    public StaffReference iroRef() {
        return iro;
    }

    public String teamName() {
        return team;
    }

    public String childCase() {
        return childCase;
    }

    public Instant now() {
        return now;
    }

    public LocalDate today() {
        return now.atZone(LONDON).toLocalDate();
    }

    // ---- internals

    private void openStage(StagePolicy stage, StaffReference assignee, List<DisputeEvent> step) {
        boolean formal = policy.isFormal(stage.key());
        LocalDate today = today();
        LocalDate formalStartedOn = state.formalStartedOn();
        List<DisputeEvent> more = new ArrayList<>();
        if (formal && formalStartedOn == null) {
            formalStartedOn = today;
            LocalDate informalOpenedOn = state.stages().stream().filter(s -> !s.formal())
                    .map(StageState::openedOn).findFirst().orElse(null);
            more.add(new FormalProcessStarted(id, stage.key(), today,
                    policy.declaredTotalDueDate(today, informalOpenedOn, calendar),
                    EscalationPolicy.statutoryDueDate(today, calendar)));
            fold(more);
        }
        LocalDate dueDate = policy.dueDateOf(stage.key(), state.track(), today, formalStartedOn, calendar);
        List<DisputeEvent> opened = List.of(new StageOpened(id, stage.key(), stage.title(), stage.assigneeRole(),
                assignee, formal, today, dueDate));
        fold(opened);
        more.addAll(opened);
        step.addAll(more);
    }

    /** Folds events into the walk's own state (they are recorded once the whole step is built). */
    private void fold(List<DisputeEvent> step) {
        for (DisputeEvent event : step) {
            state = state.evolve(event);
        }
    }

    private Ladder record(StaffReference actor, List<DisputeEvent> step) {
        // Steps built with openStage have been folded already; the others are folded here.
        long folded = state.version() + 1;
        int alreadyFolded = (int) (folded - events.size());
        for (int i = alreadyFolded; i < step.size(); i++) {
            state = state.evolve(step.get(i));
        }
        writer.append(now, actor, step);
        events.addAll(step);
        step.forEach(e -> times.add(now));
        return this;
    }
}
