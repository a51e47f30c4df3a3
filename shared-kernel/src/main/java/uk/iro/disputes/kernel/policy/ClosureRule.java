package uk.iro.disputes.kernel.policy;

import java.util.List;
import uk.iro.disputes.kernel.dispute.Role;

/**
 * Who authorises (closes) the record. The Care First procedure: only the IRO; once authorised the record
 * cannot change.
 *
 * @param ownIroOnly true where only the dispute's own IRO, not any holder of an allowed role, may close it
 */
public record ClosureRule(List<Role> authorisedBy, boolean ownIroOnly) {
    public static final ClosureRule IRO_OR_MANAGER = new ClosureRule(List.of(Role.IRO, Role.IRO_MANAGER), false);

    public ClosureRule {
        authorisedBy = List.copyOf(authorisedBy);
    }
}
