package uk.iro.disputes.command.security;

import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.IRO_MANAGER;
import static uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER;
import static uk.iro.disputes.kernel.dispute.Role.SOCIAL_WORKER;
import static uk.iro.disputes.kernel.dispute.Role.SYSTEM;
import static uk.iro.disputes.kernel.dispute.Role.TEAM_MANAGER;

import java.util.Set;
import uk.iro.disputes.kernel.dispute.Role;

/**
 * Which roles may attempt each kind of step at all: enforced on the URL before a body is read (so a caller
 * without the role learns nothing, not even that their body was invalid), and again when the actor is chosen.
 * Whether this particular person may act (the dispute's own IRO, the stage's assignee) is the aggregate's rule.
 */
public final class StepRoles {
    /** Raise, escalate, extend, resolve, monitoring outcome, refer, legal advice, child informed, withdraw, close. */
    public static final Set<Role> IRO_SIDE = Set.of(IRO, IRO_MANAGER);
    /** Respond: the stage's assignee, or a holder of its assignee role (every policy's stages use these roles). */
    public static final Set<Role> RESPONDENTS = Set.of(SOCIAL_WORKER, TEAM_MANAGER, SENIOR_MANAGER);
    /** Record a meeting: either side. */
    public static final Set<Role> MEETING_PARTIES = Set.of(IRO, IRO_MANAGER, SOCIAL_WORKER, TEAM_MANAGER,
            SENIOR_MANAGER);
    /** The scheduler's internal paths. */
    public static final Set<Role> SCHEDULER = Set.of(SYSTEM);

    private StepRoles() {
    }

    static String[] names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }
}
