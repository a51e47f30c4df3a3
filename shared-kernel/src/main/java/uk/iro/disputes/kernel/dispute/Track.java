package uk.iro.disputes.kernel.dispute;

/** How a dispute enters the process. */
public enum Track {
    /** Resolution sought informally with the social worker or team manager first. */
    INFORMAL,
    /** Straight into the formal ladder, at its first stage or one the policy lets the IRO choose. */
    FORMAL,
    /** A concern about a child's immediate safety, on the policy's one-day track (Durham). */
    IMMEDIATE_CONCERN
}
