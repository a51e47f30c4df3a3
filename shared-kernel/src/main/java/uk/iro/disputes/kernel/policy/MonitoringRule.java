package uk.iro.disputes.kernel.policy;

import java.util.Objects;
import uk.iro.disputes.kernel.calendar.WorkingDays;

/** A monitoring meeting after resolution (Durham: within 10 working days) to check the agreed actions happened. */
public record MonitoringRule(WorkingDays meetingWithin) {
    public MonitoringRule {
        Objects.requireNonNull(meetingWithin, "monitoring meetingWithin");
    }
}
