package uk.iro.disputes.scheduler.schedule;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.iro.disputes.scheduler.command.CommandPort;
import uk.iro.disputes.scheduler.command.CommandPort.Outcome;

/**
 * What happens when a deadline falls due (or a reminder): one command to dispute-command. A failed send throws, and
 * db-scheduler tries again with exponential backoff until it is accepted or refused for good; the row is removed only
 * then, not by db-scheduler's own one statement per deadline but with others that completed about the same time (see
 * {@link CompletedDeadlines}). The task is otherwise what {@code Tasks.oneTime(NAME, Deadline.class)} builds: the same
 * failure handler, dead executions revived, the default priority.
 */
public final class DeadlineTask {
    public static final String NAME = "deadline";
    private static final Logger log = LoggerFactory.getLogger(DeadlineTask.class);

    private DeadlineTask() {
    }

    public static OneTimeTask<Deadline> create(CommandPort port, Clock clock, DeadlineMetrics metrics,
            Duration firstBackoff, CompletedDeadlines completed) {
        return new OneTimeTask<>(NAME, Deadline.class,
                new FailureHandler.ExponentialBackoffFailureHandler<>(firstBackoff, 1.5),
                new DeadExecutionHandler.ReviveDeadExecution<>(), Priority.MEDIUM) {

            /** As OneTimeTask's, but completion hands the execution over instead of removing it at once. */
            @Override
            public CompletionHandler<Deadline> execute(TaskInstance<Deadline> instance, ExecutionContext context) {
                executeOnce(instance, context);
                return (complete, operations) -> {
                    Execution done = complete.getExecution();
                    completed.completed(done.getTaskName(), done.getId(), done.version);
                };
            }

            @Override
            public void executeOnce(TaskInstance<Deadline> instance, ExecutionContext context) {
                send(port, clock, metrics, instance.getData());
            }
        };
    }

    private static void send(CommandPort port, Clock clock, DeadlineMetrics metrics, Deadline deadline) {
        Outcome outcome = switch (deadline.kind()) {
            case STAGE_OVERDUE -> port.recordStageOverdue(deadline.disputeId(), deadline.stage(), deadline.dueDate());
            case TOTAL_TIMESCALE -> port.recordStatutoryTimescaleBreached(deadline.disputeId());
            case STAGE_DUE_SOON -> port.recordStageDueSoon(deadline.disputeId(), deadline.stage(), deadline.dueDate());
            case MONITORING_OVERDUE -> port.recordMonitoringOverdue(deadline.disputeId(), deadline.dueDate());
        };
        if (outcome == Outcome.RETRY) {
            metrics.failedSend(deadline.kind());
            throw new IllegalStateException("not delivered, will retry: " + deadline.instanceId());
        }
        metrics.fired(deadline.kind(), Duration.between(deadline.fireAt(), clock.instant()));
        // Debug, not info: each firing is recorded as an event and counted, and a line per deadline
        // was a third of the firing thread's CPU with 100,000 due at once (issue 8).
        log.debug("deadline {} fired: {}", deadline.instanceId(), outcome);
    }
}
