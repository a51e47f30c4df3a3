package uk.iro.disputes.kernel.dispute;

/** How a dispute ended. */
public enum ResolutionOutcome {
    /** The IRO is satisfied with the response and the agreed actions. */
    RESOLVED,
    /** A senior manager made the authority's final decision (Warwickshire's Head of Service). */
    MANAGEMENT_DECISION,
    /** Escalation closed by the referral to CAFCASS, where the policy says a referral closes it. */
    REFERRED_TO_CAFCASS
}
