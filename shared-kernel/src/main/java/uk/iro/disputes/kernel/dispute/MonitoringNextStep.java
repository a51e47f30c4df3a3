package uk.iro.disputes.kernel.dispute;

/** What happens when a monitoring meeting finds the agreed actions not achieved. */
public enum MonitoringNextStep {
    /** The dispute opens again at the stage where it was resolved. */
    REOPEN_AT_LAST_STAGE,
    /** The dispute opens again at the next stage of the ladder. */
    ESCALATE
}
