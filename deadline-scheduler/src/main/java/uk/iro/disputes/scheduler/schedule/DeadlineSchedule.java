package uk.iro.disputes.scheduler.schedule;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Clock;
import java.time.LocalDate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.iro.disputes.kernel.calendar.BusinessDate;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.calendar.WorkingDays;
import uk.iro.disputes.kernel.event.DisputeClosed;
import uk.iro.disputes.kernel.event.DisputeEscalated;
import uk.iro.disputes.kernel.event.DisputeReopened;
import uk.iro.disputes.kernel.event.DisputeResolved;
import uk.iro.disputes.kernel.event.DisputeWithdrawn;
import uk.iro.disputes.kernel.event.FormalProcessStarted;
import uk.iro.disputes.kernel.event.MonitoringMeetingOverdue;
import uk.iro.disputes.kernel.event.MonitoringOutcomeRecorded;
import uk.iro.disputes.kernel.event.StageDueSoon;
import uk.iro.disputes.kernel.event.StageOpened;
import uk.iro.disputes.kernel.event.StageOverdue;
import uk.iro.disputes.kernel.event.StageResponseRecorded;
import uk.iro.disputes.kernel.event.StageTimescaleExtended;
import uk.iro.disputes.kernel.event.StatutoryTimescaleBreached;
import uk.iro.disputes.scheduler.schedule.Deadline.Kind;

/**
 * Keeps the schedule in step with the event stream. Runs in the processor's transaction, which also writes its
 * token, so the schedule and the position in the stream commit together. Every change is idempotent: a replay
 * re-creates a deadline from StageOpened and removes it again at the StageOverdue that followed.
 */
@ProcessingGroup(DeadlineSchedule.PROCESSOR)
public class DeadlineSchedule {
    public static final String PROCESSOR = "deadline-schedule";

    private final SchedulerClient schedule;
    private final OneTimeTask<Deadline> task;
    private final JdbcTemplate jdbc;
    private final WorkingDayCalendar calendar;
    private final int dueSoonWorkingDays;
    private final Clock clock;

    /**
     * @param dueSoonWorkingDays how many working days before a stage's due date its reminder falls (0: on the due
     *     date itself; negative: no reminders)
     */
    public DeadlineSchedule(SchedulerClient schedule, OneTimeTask<Deadline> task, JdbcTemplate jdbc,
            WorkingDayCalendar calendar, int dueSoonWorkingDays, Clock clock) {
        this.schedule = schedule;
        this.task = task;
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.dueSoonWorkingDays = dueSoonWorkingDays;
        this.clock = clock;
    }

    /** Opening a stage leaves the one before (as in the DisputeState fold): only the current stage can be overdue. */
    @EventHandler
    void on(StageOpened event) {
        String disputeId = event.disputeId().value();
        String stage = event.stage().value();
        // One statement for both kinds: a round trip per event handled is most of this processor's cost.
        jdbc.update("DELETE FROM scheduled_tasks WHERE task_name = ? AND dispute_id = ? AND picked = false"
                        + " AND (task_instance LIKE ? OR task_instance LIKE ?) AND task_instance NOT IN (?, ?)",
                task.getName(), disputeId, Deadline.instanceId(disputeId, Kind.STAGE_OVERDUE, "%"),
                Deadline.instanceId(disputeId, Kind.STAGE_DUE_SOON, "%"),
                Deadline.instanceId(disputeId, Kind.STAGE_OVERDUE, stage),
                Deadline.instanceId(disputeId, Kind.STAGE_DUE_SOON, stage));
        if (event.dueDate() != null) {
            stageDue(disputeId, stage, event.dueDate());
        }
    }

    @EventHandler
    void on(StageTimescaleExtended event) {
        stageDue(event.disputeId().value(), event.stage().value(), event.newDueDate());
    }

    @EventHandler
    void on(StageResponseRecorded event) {
        stageDone(event.disputeId().value(), event.stage().value());
    }

    @EventHandler
    void on(DisputeEscalated event) {
        stageDone(event.disputeId().value(), event.fromStage().value());
    }

    @EventHandler
    void on(StageOverdue event) {
        stageDone(event.disputeId().value(), event.stage().value());
    }

    @EventHandler
    void on(StageDueSoon event) {
        cancel(event.disputeId().value(), Kind.STAGE_DUE_SOON, event.stage().value());
    }

    /** The total timescale is remembered, so that a dispute reopened after a failed monitoring check gets it back. */
    @EventHandler
    void on(FormalProcessStarted event) {
        jdbc.update("""
                INSERT INTO dispute_total (dispute_id, total_due_date, breached) VALUES (?, ?, false)
                ON CONFLICT (dispute_id) DO UPDATE SET total_due_date = EXCLUDED.total_due_date, breached = false""",
                event.disputeId().value(), event.totalDueDate());
        put(Deadline.missedAfter(event.disputeId().value(), Kind.TOTAL_TIMESCALE, Deadline.TOTAL,
                event.totalDueDate()));
    }

    @EventHandler
    void on(StatutoryTimescaleBreached event) {
        jdbc.update("UPDATE dispute_total SET breached = true WHERE dispute_id = ?", event.disputeId().value());
        cancel(event.disputeId().value(), Kind.TOTAL_TIMESCALE, Deadline.TOTAL);
    }

    /** Resolution ends the stage and total deadlines; the monitoring meeting, where the policy has one, begins. */
    @EventHandler
    void on(DisputeResolved event) {
        cancelAll(event.disputeId().value());
        if (event.monitoringDueOn() != null) {
            put(Deadline.missedAfter(event.disputeId().value(), Kind.MONITORING_OVERDUE, Deadline.MONITORING,
                    event.monitoringDueOn()));
        }
    }

    @EventHandler
    void on(MonitoringOutcomeRecorded event) {
        cancel(event.disputeId().value(), Kind.MONITORING_OVERDUE, Deadline.MONITORING);
    }

    @EventHandler
    void on(MonitoringMeetingOverdue event) {
        cancel(event.disputeId().value(), Kind.MONITORING_OVERDUE, Deadline.MONITORING);
    }

    /**
     * Reopened: the total timescale applies again unless its breach is already recorded (a date long past fires at
     * once). The stage reopened comes with its own StageOpened.
     */
    @EventHandler
    void on(DisputeReopened event) {
        String disputeId = event.disputeId().value();
        cancel(disputeId, Kind.MONITORING_OVERDUE, Deadline.MONITORING);
        jdbc.query("SELECT total_due_date FROM dispute_total WHERE dispute_id = ? AND breached = false",
                        (rs, row) -> rs.getObject(1, LocalDate.class), disputeId)
                .forEach(total -> put(Deadline.missedAfter(disputeId, Kind.TOTAL_TIMESCALE, Deadline.TOTAL, total)));
    }

    @EventHandler
    void on(DisputeWithdrawn event) {
        ended(event.disputeId().value());
    }

    @EventHandler
    void on(DisputeClosed event) {
        ended(event.disputeId().value());
    }

    private void stageDue(String disputeId, String stage, LocalDate dueDate) {
        put(Deadline.missedAfter(disputeId, Kind.STAGE_OVERDUE, stage, dueDate));
        // A due date already passed needs no reminder (replaying history, or a stage opened already late).
        if (dueSoonWorkingDays >= 0 && !BusinessDate.today(clock).isAfter(dueDate)) {
            LocalDate remindOn = calendar.subtractWorkingDays(dueDate, new WorkingDays(dueSoonWorkingDays));
            put(new Deadline(disputeId, Kind.STAGE_DUE_SOON, stage, dueDate, remindOn));
        }
    }

    /** The stage's deadline and its reminder, in one statement. */
    private void stageDone(String disputeId, String stage) {
        jdbc.update("DELETE FROM scheduled_tasks WHERE task_name = ? AND task_instance IN (?, ?) AND picked = false",
                task.getName(), Deadline.instanceId(disputeId, Kind.STAGE_OVERDUE, stage),
                Deadline.instanceId(disputeId, Kind.STAGE_DUE_SOON, stage));
    }

    private void ended(String disputeId) {
        cancelAll(disputeId);
        jdbc.update("DELETE FROM dispute_total WHERE dispute_id = ?", disputeId);
    }

    private void put(Deadline deadline) {
        // db-scheduler looks the instance up before it inserts: asking it first saves our own look-up for a new
        // deadline, the usual case (one round trip fewer per stage opened).
        if (!schedule.scheduleIfNotExists(task.instance(deadline.instanceId(), deadline), deadline.fireAt())) {
            schedule.reschedule(TaskInstanceId.of(task.getName(), deadline.instanceId()), deadline.fireAt(), deadline);
        }
    }

    /**
     * Cancelling what is not there is not an error: plain SQL, never an exception that would roll back the token.
     * A deadline being fired this very moment is left alone; dispute-command then answers that there is nothing to do.
     */
    private void cancel(String disputeId, Kind kind, String stage) {
        jdbc.update("DELETE FROM scheduled_tasks WHERE task_name = ? AND task_instance = ? AND picked = false",
                task.getName(), Deadline.instanceId(disputeId, kind, stage));
    }

    private void cancelAll(String disputeId) {
        jdbc.update("DELETE FROM scheduled_tasks WHERE task_name = ? AND dispute_id = ? AND picked = false",
                task.getName(), disputeId);
    }
}
