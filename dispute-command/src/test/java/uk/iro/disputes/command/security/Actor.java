package uk.iro.disputes.command.security;

import java.util.EnumSet;
import java.util.Set;
import uk.iro.disputes.command.api.TestTokens;
import uk.iro.disputes.kernel.dispute.Role;

/**
 * Who calls, in the authorisation matrix: one holder of each role, an IRO who does not own the dispute, a caller
 * whose token names no known role, and the ways a token can fail to authenticate. Staff ids only, never names.
 */
enum Actor {
    /** The IRO who owns every dispute the matrix raises. */
    OWN_IRO(Token.VALID, Ids.OWN_IRO, Role.IRO),
    IRO_MANAGER(Token.VALID, "irom-31", Role.IRO_MANAGER),
    SOCIAL_WORKER(Token.VALID, "sw-31", Role.SOCIAL_WORKER),
    TEAM_MANAGER(Token.VALID, "tm-31", Role.TEAM_MANAGER),
    SENIOR_MANAGER(Token.VALID, "sm-31", Role.SENIOR_MANAGER),
    AUDITOR(Token.VALID, "aud-31", Role.AUDITOR),
    REPORTING(Token.VALID, "rep-31", Role.REPORTING),
    ADMIN(Token.VALID, "adm-31", Role.ADMIN),
    SYSTEM(Token.VALID, "deadline-scheduler", Role.SYSTEM),
    /** A child-protection chair: raises and owns child-protection disputes only, so none of the matrix's. */
    CP_CHAIR(Token.VALID, "cpc-31", Role.CP_CHAIR),
    /** An IRO, but not this dispute's. */
    ANOTHER_IRO(Token.VALID, "iro-32", Role.IRO),
    /** A valid token whose roles claim names no role the service knows. */
    NO_KNOWN_ROLE(Token.VALID, "staff-31"),
    NO_TOKEN(Token.NONE, Ids.OWN_IRO, Role.values()),
    /** The bad tokens below are the owning IRO's and carry every role: only the token's validity is at fault. */
    EXPIRED_TOKEN(Token.EXPIRED, Ids.OWN_IRO, Role.values()),
    WRONG_ISSUER(Token.WRONG_ISSUER, Ids.OWN_IRO, Role.values()),
    WRONG_SIGNATURE(Token.WRONG_SIGNATURE, Ids.OWN_IRO, Role.values()),
    MALFORMED_TOKEN(Token.MALFORMED, Ids.OWN_IRO, Role.values());

    private enum Token { VALID, NONE, EXPIRED, WRONG_ISSUER, WRONG_SIGNATURE, MALFORMED }

    private final Token kind;
    private final String staffId;
    private final Role[] roles;

    Actor(Token kind, String staffId, Role... roles) {
        this.kind = kind;
        this.staffId = staffId;
        this.roles = roles;
    }

    String staffId() {
        return staffId;
    }

    /** The roles a valid token of this caller grants; none for a caller that does not authenticate. */
    Set<Role> roles() {
        Set<Role> granted = EnumSet.noneOf(Role.class);
        if (authenticates()) {
            granted.addAll(Set.of(roles));
        }
        return granted;
    }

    boolean authenticates() {
        return kind == Token.VALID;
    }

    /** A freshly signed bearer token, or null for no Authorization header at all. */
    String token() {
        return switch (kind) {
            case VALID -> TestTokens.token(staffId, roles);
            case NONE -> null;
            case EXPIRED -> TestTokens.expired(staffId, roles);
            case WRONG_ISSUER -> TestTokens.wrongIssuer(staffId, roles);
            case WRONG_SIGNATURE -> TestTokens.wrongSignature(staffId, roles);
            case MALFORMED -> "not-a-jwt";
        };
    }

    /** Enum constants cannot name a static field of their own enum in their arguments; this holder can. */
    private static final class Ids {
        static final String OWN_IRO = "iro-31";
    }
}
