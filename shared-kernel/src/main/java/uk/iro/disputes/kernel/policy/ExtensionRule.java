package uk.iro.disputes.kernel.policy;

import java.util.List;
import java.util.Optional;
import uk.iro.disputes.kernel.calendar.WorkingDays;
import uk.iro.disputes.kernel.dispute.Role;

/**
 * Whether a stage's timescale may be extended (Durham: agreed by the IRO, recording the benefit to the child).
 *
 * @param maximum the most working days one extension may add, or null for no limit
 */
public record ExtensionRule(boolean allowed, List<Role> agreedBy, boolean benefitToChildRequired, WorkingDays maximum) {
    public static final ExtensionRule NOT_ALLOWED = new ExtensionRule(false, List.of(), false, null);

    public ExtensionRule {
        agreedBy = agreedBy == null ? List.of() : List.copyOf(agreedBy);
    }

    public Optional<WorkingDays> maximumExtension() {
        return Optional.ofNullable(maximum);
    }
}
