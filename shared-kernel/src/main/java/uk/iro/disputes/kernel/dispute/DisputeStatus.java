package uk.iro.disputes.kernel.dispute;

public enum DisputeStatus {
    OPEN,
    RESOLVED,
    WITHDRAWN,
    /** The IRO has authorised the record; nothing can change after this. */
    CLOSED
}
