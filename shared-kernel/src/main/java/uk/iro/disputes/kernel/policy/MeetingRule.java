package uk.iro.disputes.kernel.policy;

import java.util.Optional;
import uk.iro.disputes.kernel.calendar.WorkingDays;
import uk.iro.disputes.kernel.dispute.Role;

/**
 * A meeting a stage calls for (Warwickshire's service-manager meeting within five working days, Birmingham's
 * optional Dispute Resolution Meeting). Informational: it does not move the stage's due date.
 *
 * @param required true where the procedure says the meeting must be held, false where it may be
 * @param within working days from the stage opening, or null where the procedure gives none
 */
public record MeetingRule(boolean required, WorkingDays within, Role convenedBy, String description) {
    public Optional<WorkingDays> timescale() {
        return Optional.ofNullable(within);
    }
}
