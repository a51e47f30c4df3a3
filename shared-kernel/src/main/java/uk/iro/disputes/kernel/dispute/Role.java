package uk.iro.disputes.kernel.dispute;

/** The roles a caller's token can carry; policies name stage assignees by these roles too. */
public enum Role {
    IRO,
    IRO_MANAGER,
    SOCIAL_WORKER,
    TEAM_MANAGER,
    SENIOR_MANAGER,
    AUDITOR,
    REPORTING,
    ADMIN,
    SYSTEM
}
