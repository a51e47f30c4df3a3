package uk.iro.disputes.query.security;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import uk.iro.disputes.kernel.dispute.Role;

/**
 * Who is asking, from their token: the subject (the council's staff id), the roles it grants, and the team it
 * names if the identity provider puts one in (claim {@code iro.security.jwt.team-claim}); null otherwise.
 */
public record Caller(String subject, Set<Role> roles, String team) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Set<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** The caller of the current request; only reached behind the bearer-token filter. */
    public static Caller current(SecurityProperties properties) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("this endpoint is reached only with a bearer token");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (var authority : token.getAuthorities()) {
            for (Role role : Role.values()) {
                if (("ROLE_" + role.name()).equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        String teamClaim = properties.teamClaim() == null || properties.teamClaim().isBlank()
                ? "team" : properties.teamClaim();
        Object team = token.getToken().getClaims().get(teamClaim);
        return new Caller(token.getToken().getSubject(), roles, team == null ? null : String.valueOf(team));
    }
}
