package uk.iro.disputes.kernel.dispute;

/** What a dispute resolution meeting reached. */
public enum MeetingOutcome {
    RESOLVED,
    ACTIONS_AGREED,
    NOT_RESOLVED
}
