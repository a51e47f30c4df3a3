package uk.iro.disputes.query.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeStatus;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.policy.CafcassRule;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.kernel.state.StageState;

/**
 * One dispute as it stands (now, or at an {@code asOf} instant): rendered from the shared fold's state, so the
 * current view and every point-in-time view mean the same thing. "Working days left" and "overdue by" are counted
 * from {@code today} (Europe/London; the London date of {@code asOf} for a past view).
 *
 * @param asOf the instant this view is of; null for the current view
 * @param today the business date the day counts are made on
 */
public record DisputeView(
        String disputeId,
        long version,
        Instant asOf,
        LocalDate today,
        Policy policy,
        String childCaseId,
        String responsibleTeam,
        StaffReference iro,
        Track track,
        Set<ConcernCategory> categories,
        String concern,
        String desiredOutcome,
        DisputeStatus status,
        LocalDate raisedOn,
        LocalDate writtenRecordDueOn,
        CurrentStage currentStage,
        boolean overdue,
        List<Stage> ladder,
        FormalProcess formalProcess,
        List<Meeting> meetings,
        Resolution resolution,
        boolean cafcassReferred,
        Cafcass cafcassReferral,
        boolean legalAdviceRequested,
        List<LocalDate> legalAdviceRequestedOn,
        List<LocalDate> childInformedOn,
        int reopenings,
        LocalDate withdrawnOn,
        LocalDate closedOn,
        ChildStatus childStatus) {

    public static DisputeView of(DisputeState s, String policyTitle, LocalDate today, Instant asOf,
            WorkingDayCalendar calendar) {
        CurrentStage current = s.isOpen()
                ? s.currentStage().map(st -> CurrentStage.of(st, today, calendar)).orElse(null)
                : null;
        return new DisputeView(
                s.disputeId().value(), s.version(), asOf, today,
                new Policy(s.policy().id(), s.policy().version(), policyTitle),
                s.child().caseId(), s.responsibleTeam(), s.iro(), s.track(), s.categories(), s.concern(),
                s.desiredOutcome(), s.status(), s.raisedOn(), s.writtenRecordDueOn(),
                current, s.isOverdueOn(today),
                s.stages().stream().map(Stage::of).toList(),
                s.hasFormallyStarted() ? new FormalProcess(s.formalStartedOn(), s.totalDueDate(), s.statutoryDueDate(),
                        s.timescaleBreachedOn()) : null,
                s.meetings().stream().map(m -> new Meeting(m.stage().value(), m.heldOn(), m.attendeeRoles(),
                        m.outcome())).toList(),
                s.resolution() == null ? null : new Resolution(s.resolution().outcome(),
                        s.resolution().atStage().value(), s.resolution().resolvedOn(),
                        s.resolution().agreedActions().stream().map(Action::of).toList(),
                        s.resolution().monitoringDueOn(), s.resolution().monitoringAchieved(),
                        s.resolution().monitoringRecordedOn()),
                s.isReferredToCafcass(),
                s.cafcassReferral() == null ? null : new Cafcass(s.cafcassReferral().atStage().value(),
                        s.cafcassReferral().referredOn(), s.cafcassReferral().effect()),
                !s.legalAdviceRequestedOn().isEmpty(), s.legalAdviceRequestedOn(), s.childInformedOn(),
                s.reopenings(), s.withdrawnOn(), s.closedOn(), s.childStatus());
    }

    public record Policy(String id, int version, String title) {
    }

    /**
     * @param workingDaysLeft working days from today to the due date (0 on the due date); null once answered,
     *     overdue, or where the stage has no due date
     * @param overdueByWorkingDays working days since the due date passed unanswered; null unless overdue
     */
    public record CurrentStage(String key, String title, Role assigneeRole, StaffReference assignee,
            LocalDate openedOn, LocalDate dueDate, int extensions, boolean answered, boolean overdue,
            Integer workingDaysLeft, Integer overdueByWorkingDays, LocalDate recordedOverdueOn) {

        static CurrentStage of(StageState st, LocalDate today, WorkingDayCalendar calendar) {
            boolean overdue = st.isOverdueOn(today);
            Integer left = !st.isAnswered() && !overdue && st.dueDate() != null
                    ? calendar.workingDaysBetween(today, st.dueDate()) : null;
            Integer overdueBy = overdue ? calendar.workingDaysBetween(st.dueDate(), today) : null;
            return new CurrentStage(st.key().value(), st.title(), st.assigneeRole(), st.assignee(), st.openedOn(),
                    st.dueDate(), st.extensions(), st.isAnswered(), overdue, left, overdueBy, st.overdueOn());
        }
    }

    public record Stage(String key, String title, boolean formal, Role assigneeRole, StaffReference assignee,
            LocalDate openedOn, LocalDate dueDate, int extensions, LocalDate recordedOverdueOn, LocalDate respondedOn,
            StaffReference respondent, String response, List<Action> plannedActions, LocalDate leftOn,
            StaffReference acknowledgedBy, LocalDate acknowledgedOn, Integer acknowledgedAfterWorkingDays) {

        static Stage of(StageState st) {
            return new Stage(st.key().value(), st.title(), st.formal(), st.assigneeRole(), st.assignee(),
                    st.openedOn(), st.dueDate(), st.extensions(), st.overdueOn(), st.respondedOn(), st.respondent(),
                    st.response(), st.plannedActions().stream().map(Action::of).toList(), st.leftOn(),
                    st.acknowledgedBy(), st.acknowledgedOn(), st.acknowledgedAfterWorkingDays());
        }
    }

    public record Action(String description, StaffReference owner, LocalDate dueBy) {
        static Action of(PlannedAction a) {
            return new Action(a.description(), a.owner(), a.dueBy());
        }
    }

    /** @param totalDueDate the stricter of the policy's declared total and the statutory 20 working days */
    public record FormalProcess(LocalDate startedOn, LocalDate totalDueDate, LocalDate statutoryDueDate,
            LocalDate timescaleBreachedOn) {
    }

    public record Meeting(String stage, LocalDate heldOn, Set<Role> attendeeRoles, MeetingOutcome outcome) {
    }

    public record Resolution(ResolutionOutcome outcome, String atStage, LocalDate resolvedOn,
            List<Action> agreedActions, LocalDate monitoringDueOn, Boolean monitoringAchieved,
            LocalDate monitoringRecordedOn) {
    }

    public record Cafcass(String atStage, LocalDate referredOn, CafcassRule.Effect effect) {
    }
}
