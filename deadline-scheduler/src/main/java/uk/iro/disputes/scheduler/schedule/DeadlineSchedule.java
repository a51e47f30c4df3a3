package uk.iro.disputes.scheduler.schedule;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.iro.disputes.kernel.event.DisputeClosed;
import uk.iro.disputes.kernel.event.DisputeEscalated;
import uk.iro.disputes.kernel.event.DisputeResolved;
import uk.iro.disputes.kernel.event.DisputeWithdrawn;
import uk.iro.disputes.kernel.event.FormalProcessStarted;
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

    public DeadlineSchedule(SchedulerClient schedule, OneTimeTask<Deadline> task, JdbcTemplate jdbc) {
        this.schedule = schedule;
        this.task = task;
        this.jdbc = jdbc;
    }

    /** Opening a stage leaves the one before (as in the DisputeState fold): only the current stage can be overdue. */
    @EventHandler
    void on(StageOpened event) {
        String disputeId = event.disputeId().value();
        jdbc.update("DELETE FROM scheduled_tasks WHERE task_name = ? AND task_instance LIKE ? AND task_instance <> ?"
                        + " AND picked = false", task.getName(), Deadline.instanceId(disputeId, Kind.STAGE_OVERDUE, "%"),
                Deadline.instanceId(disputeId, Kind.STAGE_OVERDUE, event.stage().value()));
        if (event.dueDate() != null) {
            put(new Deadline(event.disputeId().value(), Kind.STAGE_OVERDUE, event.stage().value(), event.dueDate()));
        }
    }

    @EventHandler
    void on(StageTimescaleExtended event) {
        put(new Deadline(event.disputeId().value(), Kind.STAGE_OVERDUE, event.stage().value(), event.newDueDate()));
    }

    @EventHandler
    void on(StageResponseRecorded event) {
        cancel(event.disputeId().value(), Kind.STAGE_OVERDUE, event.stage().value());
    }

    @EventHandler
    void on(DisputeEscalated event) {
        cancel(event.disputeId().value(), Kind.STAGE_OVERDUE, event.fromStage().value());
    }

    @EventHandler
    void on(StageOverdue event) {
        cancel(event.disputeId().value(), Kind.STAGE_OVERDUE, event.stage().value());
    }

    @EventHandler
    void on(FormalProcessStarted event) {
        put(new Deadline(event.disputeId().value(), Kind.TOTAL_TIMESCALE, Deadline.TOTAL, event.totalDueDate()));
    }

    @EventHandler
    void on(StatutoryTimescaleBreached event) {
        cancel(event.disputeId().value(), Kind.TOTAL_TIMESCALE, Deadline.TOTAL);
    }

    @EventHandler
    void on(DisputeResolved event) {
        cancelAll(event.disputeId().value());
    }

    @EventHandler
    void on(DisputeWithdrawn event) {
        cancelAll(event.disputeId().value());
    }

    @EventHandler
    void on(DisputeClosed event) {
        cancelAll(event.disputeId().value());
    }

    private void put(Deadline deadline) {
        TaskInstanceId id = TaskInstanceId.of(task.getName(), deadline.instanceId());
        if (schedule.getScheduledExecution(id).isPresent()) {
            schedule.reschedule(id, deadline.fireAt(), deadline);
        } else {
            schedule.scheduleIfNotExists(task.instance(deadline.instanceId(), deadline), deadline.fireAt());
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
        jdbc.update("DELETE FROM scheduled_tasks WHERE task_name = ? AND task_instance LIKE ? AND picked = false",
                task.getName(), disputeId + "/%");
    }
}
