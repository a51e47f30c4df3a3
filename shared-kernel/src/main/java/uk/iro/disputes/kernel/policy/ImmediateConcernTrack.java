package uk.iro.disputes.kernel.policy;

import java.util.List;
import java.util.Objects;
import uk.iro.disputes.kernel.calendar.WorkingDays;

/**
 * A concern about a child's immediate safety (Durham): discussions at each listed stage completed within a
 * day, the written record following within two.
 */
public record ImmediateConcernTrack(WorkingDays responseWithin, WorkingDays writtenRecordWithin, List<StageKey> stages) {
    public ImmediateConcernTrack {
        Objects.requireNonNull(responseWithin, "immediate responseWithin");
        Objects.requireNonNull(writtenRecordWithin, "immediate writtenRecordWithin");
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("an immediate-concern track needs at least one stage");
        }
    }
}
