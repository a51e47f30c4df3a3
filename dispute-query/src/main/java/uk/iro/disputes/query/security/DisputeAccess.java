package uk.iro.disputes.query.security;

import java.util.Set;
import uk.iro.disputes.kernel.dispute.Role;

/**
 * Who may read which disputes. AUDITOR reads everything; the roles that take part in disputes read the ones
 * they take part in; REPORTING reads reports only and ADMIN only administers.
 */
public final class DisputeAccess {
    /** Roles that may call the dispute endpoints at all; each dispute is then checked. */
    public static final Set<Role> DISPUTE_READERS = Set.of(Role.AUDITOR, Role.IRO, Role.IRO_MANAGER,
            Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SENIOR_MANAGER);

    private DisputeAccess() {
    }
}
