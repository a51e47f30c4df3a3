package uk.iro.disputes.kernel.state;

import java.time.LocalDate;
import java.util.List;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * One visit of the dispute to a stage of the ladder (a reopened stage is visited again).
 *
 * @param dueDate the current due date (after any extension); null where the stage has no timescale
 * @param overdueOn when the stage was recorded overdue against its current due date; null if not
 * @param leftOn when the dispute moved on from the stage (escalated, resolved, withdrawn); null while current
 * @param acknowledgedBy who acknowledged the stage; null until acknowledged
 * @param acknowledgedOn when; null until acknowledged
 * @param acknowledgedAfterWorkingDays working days from opening to acknowledgement, as recorded; null until then
 * @param dueSoonRemindedOn when the due-soon reminder for the current due date was recorded; null if not
 */
public record StageState(
        StageKey key,
        String title,
        Role assigneeRole,
        StaffReference assignee,
        boolean formal,
        LocalDate openedOn,
        LocalDate dueDate,
        int extensions,
        LocalDate overdueOn,
        LocalDate respondedOn,
        StaffReference respondent,
        String response,
        List<PlannedAction> plannedActions,
        LocalDate leftOn,
        StaffReference acknowledgedBy,
        LocalDate acknowledgedOn,
        Integer acknowledgedAfterWorkingDays,
        LocalDate dueSoonRemindedOn) {

    public StageState {
        plannedActions = plannedActions == null ? List.of() : List.copyOf(plannedActions);
    }

    public boolean isCurrent() {
        return leftOn == null;
    }

    public boolean isAnswered() {
        return respondedOn != null;
    }

    public boolean isAwaitingResponse() {
        return isCurrent() && !isAnswered();
    }

    public boolean isAcknowledged() {
        return acknowledgedOn != null;
    }

    /** Current, not yet answered, and nobody has acknowledged it. */
    public boolean isAwaitingAcknowledgement() {
        return isAwaitingResponse() && !isAcknowledged();
    }

    public boolean isRecordedOverdue() {
        return overdueOn != null;
    }

    /** Overdue on {@code today} (Europe/London): the due date has passed with no response. */
    public boolean isOverdueOn(LocalDate today) {
        return isAwaitingResponse() && dueDate != null && today.isAfter(dueDate);
    }

    StageState answered(StaffReference by, String text, List<PlannedAction> actions, LocalDate on) {
        return new StageState(key, title, assigneeRole, assignee, formal, openedOn, dueDate, extensions, overdueOn,
                on, by, text, actions, leftOn, acknowledgedBy, acknowledgedOn,
                acknowledgedAfterWorkingDays, dueSoonRemindedOn);
    }

    StageState extendedTo(LocalDate newDueDate) {
        // A new due date is a new deadline: any overdue mark or reminder belonged to the old one.
        return new StageState(key, title, assigneeRole, assignee, formal, openedOn, newDueDate, extensions + 1, null,
                respondedOn, respondent, response, plannedActions, leftOn, acknowledgedBy, acknowledgedOn,
                acknowledgedAfterWorkingDays, null);
    }

    StageState overdue(LocalDate on) {
        return new StageState(key, title, assigneeRole, assignee, formal, openedOn, dueDate, extensions, on,
                respondedOn, respondent, response, plannedActions, leftOn, acknowledgedBy, acknowledgedOn,
                acknowledgedAfterWorkingDays, dueSoonRemindedOn);
    }

    /** Reminded that {@link #dueDate} is near (cleared again by an extension, which sets a new due date). */
    public boolean isRemindedDueSoon() {
        return dueSoonRemindedOn != null;
    }

    StageState remindedDueSoon(LocalDate on) {
        return new StageState(key, title, assigneeRole, assignee, formal, openedOn, dueDate, extensions, overdueOn,
                respondedOn, respondent, response, plannedActions, leftOn, acknowledgedBy, acknowledgedOn,
                acknowledgedAfterWorkingDays, on);
    }

    StageState acknowledged(StaffReference by, LocalDate on, int workingDays) {
        return new StageState(key, title, assigneeRole, assignee, formal, openedOn, dueDate, extensions, overdueOn,
                respondedOn, respondent, response, plannedActions, leftOn, by, on, workingDays, dueSoonRemindedOn);
    }

    StageState left(LocalDate on) {
        return new StageState(key, title, assigneeRole, assignee, formal, openedOn, dueDate, extensions, overdueOn,
                respondedOn, respondent, response, plannedActions, on, acknowledgedBy, acknowledgedOn,
                acknowledgedAfterWorkingDays, dueSoonRemindedOn);
    }
}
