package uk.iro.disputes.command.security;

import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.IRO_MANAGER;
import static uk.iro.disputes.kernel.dispute.Role.SYSTEM;

import java.util.EnumSet;
import java.util.Set;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeState;
import uk.iro.disputes.kernel.policy.LoadedPolicy;
import uk.iro.disputes.kernel.policy.PolicyCatalogue;

/**
 * Which roles may attempt each kind of step at all: enforced on the URL before a body is read (so a caller
 * without the role learns nothing, not even that their body was invalid), and again when the actor is chosen.
 * Whether this particular person may act (the dispute's own IRO, the stage's assignee) is the aggregate's rule.
 */
public final class StepRoles {
    /**
     * Raise, escalate, extend, resolve, monitoring outcome, refer, legal advice, child informed, withdraw, close: the
     * IRO, or the child-protection chair for a child on a child-protection plan, and IRO managers.
     */
    public static final Set<Role> IRO_SIDE = Set.of(IRO, IRO_MANAGER, Role.CP_CHAIR);
    /** Record good practice. */
    public static final Set<Role> GOOD_PRACTICE_RECORDERS = GoodPracticeState.RECORDERS;
    /** Acknowledge a good-practice alert. */
    public static final Set<Role> GOOD_PRACTICE_ACKNOWLEDGERS = GoodPracticeState.ACKNOWLEDGERS;
    /**
     * Respond and acknowledge a stage: the roles the loaded policies assign stages to (informal and formal), read from the policy data so
     * a council's own ladder that assigns a stage to another role needs no code change.
     */
    public static Set<Role> respondents(PolicyCatalogue policies) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (LoadedPolicy loaded : policies.all()) {
            loaded.policy().stages().forEach(stage -> roles.addAll(stage.assigneeRoles()));
            loaded.policy().informalResolution().ifPresent(informal -> roles.addAll(informal.stage().assigneeRoles()));
        }
        return Set.copyOf(roles);
    }

    /** Record a meeting: either side, the IRO's or the respondents'. */
    public static Set<Role> meetingParties(PolicyCatalogue policies) {
        Set<Role> roles = EnumSet.copyOf(IRO_SIDE);
        roles.addAll(respondents(policies));
        return Set.copyOf(roles);
    }

    /** The scheduler's internal paths. */
    public static final Set<Role> SCHEDULER = Set.of(SYSTEM);

    private StepRoles() {
    }

    static String[] names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }
}
