package uk.iro.disputes.scheduler.command;

import java.time.LocalDate;

/**
 * How the scheduler asks dispute-command to record a missed deadline or a due-soon reminder; it never writes events
 * itself.
 */
public interface CommandPort {

    Outcome recordStageOverdue(String disputeId, String stage, LocalDate dueDate);

    Outcome recordStatutoryTimescaleBreached(String disputeId);

    Outcome recordStageDueSoon(String disputeId, String stage, LocalDate dueDate);

    Outcome recordMonitoringOverdue(String disputeId, LocalDate monitoringDueOn);

    enum Outcome {
        /** Accepted (whether or not it appended anything): the deadline is done. */
        DONE,
        /** A refusal that retrying cannot change (unknown dispute, a broken rule): the deadline is done. */
        NOTHING_TO_DO,
        /** Not delivered (5xx, I/O, timeouts, auth): try again later. */
        RETRY
    }
}
