package uk.iro.disputes.scheduler.schedule;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
 *
 * <p>A stage done (answered, escalated from, overdue) deletes its deadline and reminder not at once but with every
 * other stage done in the same batch of events, in one statement just before the batch's transaction commits: when
 * deadlines fall due together, the processor handles a StageOverdue for each, and a round trip per event was most of
 * its cost (20,000 single deletes in a 20,000-deadline run, none of which found a row: the deadline fired is picked
 * or gone). Every other handler runs the deletes still pending first, so the schedule changes in the stream's order:
 * a stage overdue and then extended or opened again in the same batch keeps the deadline its extension re-created.
 */
@ProcessingGroup(DeadlineSchedule.PROCESSOR)
public class DeadlineSchedule {
    public static final String PROCESSOR = "deadline-schedule";
    /** The unit of work's resource holding the task instances of the stages done and not yet deleted. */
    private static final String STAGES_DONE = DeadlineSchedule.class.getName() + ".stagesDone";

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
        deleteStagesDone();
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
        deleteStagesDone();
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
        deleteStagesDone();
        cancel(event.disputeId().value(), Kind.STAGE_DUE_SOON, event.stage().value());
    }

    /** The total timescale is remembered, so that a dispute reopened after a failed monitoring check gets it back. */
    @EventHandler
    void on(FormalProcessStarted event) {
        deleteStagesDone();
        jdbc.update("""
                INSERT INTO dispute_total (dispute_id, total_due_date, breached) VALUES (?, ?, false)
                ON CONFLICT (dispute_id) DO UPDATE SET total_due_date = EXCLUDED.total_due_date, breached = false""",
                event.disputeId().value(), event.totalDueDate());
        put(Deadline.missedAfter(event.disputeId().value(), Kind.TOTAL_TIMESCALE, Deadline.TOTAL,
                event.totalDueDate()));
    }

    @EventHandler
    void on(StatutoryTimescaleBreached event) {
        deleteStagesDone();
        jdbc.update("UPDATE dispute_total SET breached = true WHERE dispute_id = ?", event.disputeId().value());
        cancel(event.disputeId().value(), Kind.TOTAL_TIMESCALE, Deadline.TOTAL);
    }

    /** Resolution ends the stage and total deadlines; the monitoring meeting, where the policy has one, begins. */
    @EventHandler
    void on(DisputeResolved event) {
        deleteStagesDone();
        cancelAll(event.disputeId().value());
        if (event.monitoringDueOn() != null) {
            put(Deadline.missedAfter(event.disputeId().value(), Kind.MONITORING_OVERDUE, Deadline.MONITORING,
                    event.monitoringDueOn()));
        }
    }

    @EventHandler
    void on(MonitoringOutcomeRecorded event) {
        deleteStagesDone();
        cancel(event.disputeId().value(), Kind.MONITORING_OVERDUE, Deadline.MONITORING);
    }

    @EventHandler
    void on(MonitoringMeetingOverdue event) {
        deleteStagesDone();
        cancel(event.disputeId().value(), Kind.MONITORING_OVERDUE, Deadline.MONITORING);
    }

    /**
     * Reopened: the total timescale applies again unless its breach is already recorded (a date long past fires at
     * once). The stage reopened comes with its own StageOpened.
     */
    @EventHandler
    void on(DisputeReopened event) {
        deleteStagesDone();
        String disputeId = event.disputeId().value();
        cancel(disputeId, Kind.MONITORING_OVERDUE, Deadline.MONITORING);
        jdbc.query("SELECT total_due_date FROM dispute_total WHERE dispute_id = ? AND breached = false",
                        (rs, row) -> rs.getObject(1, LocalDate.class), disputeId)
                .forEach(total -> put(Deadline.missedAfter(disputeId, Kind.TOTAL_TIMESCALE, Deadline.TOTAL, total)));
    }

    @EventHandler
    void on(DisputeWithdrawn event) {
        deleteStagesDone();
        ended(event.disputeId().value());
    }

    @EventHandler
    void on(DisputeClosed event) {
        deleteStagesDone();
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

    /**
     * The stage's deadline and its reminder: deleted with the batch's other stages done, before anything else changes
     * the schedule and at the latest as the batch's transaction is about to commit (see the class comment). Outside a
     * unit of work (nothing to wait for), at once.
     */
    private void stageDone(String disputeId, String stage) {
        List<String> instances = List.of(Deadline.instanceId(disputeId, Kind.STAGE_OVERDUE, stage),
                Deadline.instanceId(disputeId, Kind.STAGE_DUE_SOON, stage));
        if (!CurrentUnitOfWork.isStarted()) {
            deleteStages(instances);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.<List<String>>getOrComputeResource(STAGES_DONE, key -> {
            // In the transaction, with the token: a failure rolls both back and the batch is handled again.
            batch.onPrepareCommit(u -> deleteStagesDone(batch));
            return new ArrayList<>();
        }).addAll(instances);
    }

    /** The deletes of the stages done that are still pending in this unit of work, if any, in one statement. */
    private void deleteStagesDone() {
        if (CurrentUnitOfWork.isStarted()) {
            deleteStagesDone(CurrentUnitOfWork.get().root());
        }
    }

    private void deleteStagesDone(UnitOfWork<?> batch) {
        List<String> pending = batch.getResource(STAGES_DONE);
        if (pending == null || pending.isEmpty()) {
            return;
        }
        deleteStages(pending);
        pending.clear();
    }

    private void deleteStages(List<String> instances) {
        jdbc.update("DELETE FROM scheduled_tasks WHERE task_name = ? AND task_instance = ANY (?) AND picked = false",
                task.getName(), instances.toArray(String[]::new));
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
