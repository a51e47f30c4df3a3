package uk.iro.disputes.kernel.dispute;

/**
 * Why the council is responsible for the child's plan, and so who raises a dispute about it: the IRO for a
 * looked-after child, the child-protection conference chair for a child on a child-protection plan. Referral to
 * CAFCASS is the IRO's power and exists only for looked-after children.
 */
public enum ChildStatus {
    LOOKED_AFTER,
    CHILD_PROTECTION
}
