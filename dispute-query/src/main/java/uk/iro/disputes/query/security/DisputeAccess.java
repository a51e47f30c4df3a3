package uk.iro.disputes.query.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.query.api.QueryProblem;

/**
 * Who may read which disputes: the tested matrix.
 *
 * <ul>
 *   <li>AUDITOR reads every dispute, with its history, as-of views and verification (and the reports).
 *   <li>IRO_MANAGER reads every dispute (an IRO manager may act on any dispute in the command service).
 *   <li>IRO, CP_CHAIR, SOCIAL_WORKER, TEAM_MANAGER, SENIOR_MANAGER read the disputes they take part in: as the dispute's
 *       IRO, a named assignee, a respondent, an action owner, or the actor of any of its events. The social care
 *       roles also read an open dispute whose current stage waits on their role (any holder of the stage's role may
 *       answer it), limited to their team when their token names one.
 *   <li>REPORTING reads reports only; ADMIN administers the projection; SYSTEM reads nothing here.
 * </ul>
 *
 * A dispute the caller may not see is answered 404, as if it did not exist.
 */
public final class DisputeAccess {
    /** Roles that may call the dispute endpoints at all; each dispute is then checked. */
    public static final Set<Role> DISPUTE_READERS = Set.of(Role.AUDITOR, Role.IRO, Role.IRO_MANAGER, Role.CP_CHAIR,
            Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SENIOR_MANAGER);
    /** Roles that read every dispute. */
    public static final Set<Role> READ_ALL = Set.of(Role.AUDITOR, Role.IRO_MANAGER);
    /** Roles that answer stages, and so see what waits on their role. */
    public static final Set<Role> RESPONDENT_ROLES = Set.of(Role.SOCIAL_WORKER, Role.TEAM_MANAGER,
            Role.SENIOR_MANAGER);

    private DisputeAccess() {
    }

    public static boolean readsAll(Caller caller) {
        return caller.hasAny(READ_ALL);
    }

    /** History, as-of views and verification are the auditor's. */
    public static void requireAuditor(Caller caller, String what) {
        if (!caller.has(Role.AUDITOR)) {
            throw QueryProblem.forbidden(what + " is for the AUDITOR role");
        }
    }

    /**
     * An SQL condition on the dispute table aliased {@code d} limiting rows to what the caller may see, adding the
     * parameters it names to {@code params}.
     */
    public static String visibleTo(Caller caller, Map<String, Object> params) {
        if (readsAll(caller)) {
            return "TRUE";
        }
        params.put("visSubject", caller.subject() == null ? "" : caller.subject());
        String condition = "EXISTS (SELECT 1 FROM dispute_participant p WHERE p.dispute_id = d.dispute_id"
                + " AND p.staff_id = :visSubject)";
        List<String> roles = RESPONDENT_ROLES.stream().filter(caller::has).map(Role::name).sorted().toList();
        if (!roles.isEmpty()) {
            params.put("visRoles", roles);
            String waiting = "(d.status = 'OPEN' AND d.current_assignee_role IN (:visRoles)";
            if (caller.team() != null) {
                params.put("visTeam", caller.team());
                waiting += " AND d.responsible_team = :visTeam";
            }
            condition = "(" + condition + " OR " + waiting + "))";
        }
        return condition;
    }
}
