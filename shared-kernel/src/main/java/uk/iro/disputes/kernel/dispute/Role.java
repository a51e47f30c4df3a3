package uk.iro.disputes.kernel.dispute;

/**
 * The roles a caller's token can carry; policies name stage assignees by these roles too. {@link #CP_CHAIR}, a
 * child-protection conference chair, raises and owns disputes about children on child-protection plans as an IRO
 * does for looked-after children.
 */
public enum Role {
    IRO,
    IRO_MANAGER,
    SOCIAL_WORKER,
    TEAM_MANAGER,
    SENIOR_MANAGER,
    AUDITOR,
    REPORTING,
    ADMIN,
    SYSTEM,
    CP_CHAIR
}
