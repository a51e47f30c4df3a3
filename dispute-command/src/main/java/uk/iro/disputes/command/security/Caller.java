package uk.iro.disputes.command.security;

import java.util.Optional;
import java.util.Set;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;

/**
 * Who is calling, from their token: the subject (the council's staff id), the roles the token grants and the
 * calling system's client id. Commands never take the actor from the request body.
 */
public record Caller(String subject, Set<Role> roles, String client) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The first of the caller's roles, in {@link Role} order, that the step allows. */
    public Optional<Role> actingRoleAmong(Set<Role> allowed) {
        for (Role role : Role.values()) {
            if (roles.contains(role) && allowed.contains(role)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    public StaffReference as(Role role) {
        return StaffReference.of(subject, role);
    }
}
