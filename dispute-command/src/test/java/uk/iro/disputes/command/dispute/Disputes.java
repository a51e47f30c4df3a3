package uk.iro.disputes.command.dispute;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.command.CloseDispute;
import uk.iro.disputes.kernel.command.Escalate;
import uk.iro.disputes.kernel.command.ExtendStageTimescale;
import uk.iro.disputes.kernel.command.RaiseDispute;
import uk.iro.disputes.kernel.command.RecordMonitoringOutcome;
import uk.iro.disputes.kernel.command.ReferToCafcass;
import uk.iro.disputes.kernel.command.ResolveDispute;
import uk.iro.disputes.kernel.command.RespondToStage;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeClosed;
import uk.iro.disputes.kernel.event.DisputeEscalated;
import uk.iro.disputes.kernel.event.DisputeRaised;
import uk.iro.disputes.kernel.event.DisputeReopened;
import uk.iro.disputes.kernel.event.DisputeResolved;
import uk.iro.disputes.kernel.event.FormalProcessStarted;
import uk.iro.disputes.kernel.event.MonitoringOutcomeRecorded;
import uk.iro.disputes.kernel.event.ReferredToCafcass;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.event.StageResponseRecorded;
import uk.iro.disputes.kernel.event.StageTimescaleExtended;
import uk.iro.disputes.kernel.policy.CafcassRule;
import uk.iro.disputes.kernel.policy.PolicyCatalogue;
import uk.iro.disputes.kernel.policy.PolicyLoader;
import uk.iro.disputes.kernel.policy.PolicyRef;
import uk.iro.disputes.kernel.policy.StageKey;
import uk.iro.disputes.kernel.policy.StagePolicy;

/**
 * The vocabulary of the aggregate tests: the people, commands and events of a dispute, so that each test reads
 * like the procedure it checks. Dates in tests are written out by hand, never computed with the calendar.
 */
final class Disputes {
    static final PolicyCatalogue POLICIES = PolicyLoader.catalogue(List.of());
    /** The bundled policies plus a test-only ladder (capped extension, last stage without a timescale). */
    static final PolicyCatalogue WITH_TEST_LADDER = PolicyLoader.catalogue(List.of(testResource("policies")));
    static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.englandAndWales();

    static final DisputeId DISPUTE = DisputeId.of("dispute-0001");
    static final ChildReference CHILD = ChildReference.of("CASE-1001");
    static final String TEAM = "Children in Care 2";
    static final Set<ConcernCategory> CATEGORIES = Set.of(ConcernCategory.CARE_PLAN_DRIFT_OR_DELAY);
    static final String CONCERN = "Permanence plan not progressed since the second review.";
    static final String DESIRED_OUTCOME = "Family finding starts within four weeks.";

    static final StaffReference IRO = StaffReference.of("iro-17", Role.IRO);
    static final StaffReference ANOTHER_IRO = StaffReference.of("iro-99", Role.IRO);
    static final StaffReference IRO_MANAGER = StaffReference.of("irom-3", Role.IRO_MANAGER);
    static final StaffReference SOCIAL_WORKER = StaffReference.of("sw-41", Role.SOCIAL_WORKER);
    static final StaffReference TEAM_MANAGER = StaffReference.of("tm-8", Role.TEAM_MANAGER);
    static final StaffReference SENIOR_MANAGER = StaffReference.of("sm-2", Role.SENIOR_MANAGER);
    static final StaffReference AUDITOR = StaffReference.of("aud-1", Role.AUDITOR);

    static final String RESPONSE = "Family finding referral made; panel date requested.";
    static final List<PlannedAction> PLANNED = List.of(
            new PlannedAction("Refer to family finding", TEAM_MANAGER, LocalDate.of(2026, 4, 30)));
    static final String REASON = "No response within the timescale.";

    private Disputes() {
    }

    static FixtureConfiguration<Dispute> fixture(java.time.Clock clock) {
        return fixture(clock, CALENDAR);
    }

    static FixtureConfiguration<Dispute> fixture(java.time.Clock clock, WorkingDayCalendar calendar) {
        return fixture(clock, calendar, POLICIES);
    }

    static FixtureConfiguration<Dispute> fixture(java.time.Clock clock, WorkingDayCalendar calendar,
            PolicyCatalogue policies) {
        FixtureConfiguration<Dispute> fixture = new AggregateTestFixture<>(Dispute.class);
        fixture.registerInjectableResource(policies);
        fixture.registerInjectableResource(calendar);
        fixture.registerInjectableResource(clock);
        return fixture;
    }

    static java.nio.file.Path testResource(String name) {
        try {
            return java.nio.file.Path.of(Disputes.class.getClassLoader().getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static LocalDate date(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }

    static StageKey stage(String key) {
        return StageKey.of(key);
    }

    static PolicyRef v1(String policyId) {
        return new PolicyRef(policyId, 1);
    }

    // ---- commands

    static RaiseDispute raise(String policy, Track track, String startingStage, StaffReference consultee) {
        return new RaiseDispute(DISPUTE, policy, CHILD, TEAM, IRO, track,
                startingStage == null ? null : stage(startingStage), CATEGORIES, CONCERN, DESIRED_OUTCOME, null,
                consultee, null, null);
    }

    static RaiseDispute raiseInformally(String policy) {
        return raise(policy, Track.INFORMAL, null, null);
    }

    static RaiseDispute raiseFormally(String policy, StaffReference consultee) {
        return raise(policy, Track.FORMAL, null, consultee);
    }

    static RespondToStage respond(String stage, StaffReference by) {
        return new RespondToStage(DISPUTE, stage(stage), by, RESPONSE, PLANNED);
    }

    static Escalate escalate(String from) {
        return new Escalate(DISPUTE, stage(from), null, REASON, IRO, null, null);
    }

    static Escalate escalate(String from, String to, StaffReference consultee) {
        return new Escalate(DISPUTE, stage(from), to == null ? null : stage(to), REASON, IRO, consultee, null);
    }

    static ExtendStageTimescale extend(String stage, LocalDate newDueDate, String benefit, StaffReference by) {
        return new ExtendStageTimescale(DISPUTE, stage(stage), newDueDate, benefit, by);
    }

    static ResolveDispute resolve() {
        return new ResolveDispute(DISPUTE, ResolutionOutcome.RESOLVED, "Plan agreed.", PLANNED, IRO);
    }

    static RecordMonitoringOutcome monitoringAchieved() {
        return new RecordMonitoringOutcome(DISPUTE, true, null, "Actions completed.", IRO);
    }

    static RecordMonitoringOutcome monitoringNotAchieved(MonitoringNextStep next) {
        return new RecordMonitoringOutcome(DISPUTE, false, next, "Referral not made.", IRO);
    }

    static ReferToCafcass referToCafcass(StaffReference consultee) {
        return new ReferToCafcass(DISPUTE, "Care plan still not progressed.", IRO, consultee);
    }

    static CloseDispute close(StaffReference by) {
        return new CloseDispute(DISPUTE, by);
    }

    // ---- events

    static DisputeRaised raised(String policy, Track track, LocalDate on, StaffReference consultee) {
        return new DisputeRaised(DISPUTE, v1(policy), CHILD, TEAM, IRO, track, CATEGORIES, CONCERN, DESIRED_OUTCOME,
                consultee, null, on, null);
    }

    /** A stage opening, its title and roles as the policy gives them; the due date as the test works it out. */
    static StageOpened opened(String policy, String stage, LocalDate on, LocalDate due) {
        StagePolicy stagePolicy = WITH_TEST_LADDER.latest(policy).orElseThrow().stage(stage(stage)).orElseThrow();
        return new StageOpened(DISPUTE, stage(stage), stagePolicy.title(), stagePolicy.assigneeRole(), null,
                !StageKey.INFORMAL.equals(stage(stage)), on, due);
    }

    static FormalProcessStarted formalStarted(String stage, LocalDate on, LocalDate declaredDue, LocalDate statutoryDue) {
        return new FormalProcessStarted(DISPUTE, stage(stage), on, declaredDue, statutoryDue);
    }

    static StageResponseRecorded responded(String stage, StaffReference by, LocalDate on) {
        return new StageResponseRecorded(DISPUTE, stage(stage), by, RESPONSE, PLANNED, on);
    }

    static DisputeEscalated escalated(String from, String to, LocalDate on) {
        return new DisputeEscalated(DISPUTE, stage(from), stage(to), List.of(), REASON, IRO, null, on);
    }

    static DisputeEscalated escalated(String from, String to, List<String> bypassed, StaffReference consultee,
            LocalDate on) {
        return new DisputeEscalated(DISPUTE, stage(from), stage(to), bypassed.stream().map(StageKey::of).toList(),
                REASON, IRO, consultee, on);
    }

    static StageTimescaleExtended extended(String stage, LocalDate from, LocalDate to, String benefit,
            StaffReference by, LocalDate on) {
        return new StageTimescaleExtended(DISPUTE, stage(stage), from, to, benefit, by, on);
    }

    static DisputeResolved resolved(String atStage, LocalDate on, LocalDate monitoringDueOn) {
        return new DisputeResolved(DISPUTE, ResolutionOutcome.RESOLVED, "Plan agreed.", PLANNED, stage(atStage), IRO,
                on, monitoringDueOn);
    }

    static MonitoringOutcomeRecorded monitoringRecordedAchieved(LocalDate on) {
        return new MonitoringOutcomeRecorded(DISPUTE, true, null, "Actions completed.", IRO, on);
    }

    static MonitoringOutcomeRecorded monitoringRecordedNotAchieved(MonitoringNextStep next, LocalDate on) {
        return new MonitoringOutcomeRecorded(DISPUTE, false, next, "Referral not made.", IRO, on);
    }

    static DisputeReopened reopened(String lastStage, LocalDate on) {
        return new DisputeReopened(DISPUTE, stage(lastStage), "agreed actions not achieved", on);
    }

    static ReferredToCafcass referred(String atStage, StaffReference consultee, CafcassRule.Effect effect,
            LocalDate on) {
        return new ReferredToCafcass(DISPUTE, stage(atStage), "Care plan still not progressed.", IRO, consultee,
                effect, on);
    }

    static DisputeResolved resolvedByCafcassReferral(String atStage, LocalDate on) {
        return new DisputeResolved(DISPUTE, ResolutionOutcome.REFERRED_TO_CAFCASS, "Care plan still not progressed.",
                List.of(), stage(atStage), IRO, on, null);
    }

    static DisputeClosed closed(StaffReference by, LocalDate on) {
        return new DisputeClosed(DISPUTE, by, on);
    }
}
