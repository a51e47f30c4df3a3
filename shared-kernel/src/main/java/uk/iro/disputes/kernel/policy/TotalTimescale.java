package uk.iro.disputes.kernel.policy;

import java.util.Objects;
import uk.iro.disputes.kernel.calendar.WorkingDays;

/**
 * The total a procedure declares for its ladder (Durham: 17 working days, counting its informal stage 1).
 * The statutory limit of 20 working days applies whatever the policy declares.
 */
public record TotalTimescale(WorkingDays workingDays, boolean includesInformal) {
    /** IRO Handbook ch. 6: the formal process should take no more than 20 working days in total. */
    public static final WorkingDays STATUTORY_LIMIT = WorkingDays.of(20);

    public TotalTimescale {
        Objects.requireNonNull(workingDays, "total workingDays");
    }
}
