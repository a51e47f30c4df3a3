package uk.iro.disputes.scheduler.schedule;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import uk.iro.disputes.kernel.calendar.BusinessDate;

/**
 * One deadline of one dispute, stored as db-scheduler's task data. The task instance id is (dispute, kind, stage),
 * so a dispute has at most one pending deadline of each kind per stage.
 */
public record Deadline(String disputeId, Kind kind, String stage, LocalDate dueDate) implements Serializable {

    /** The stage key the total timescale is filed under. */
    public static final String TOTAL = "total";

    public enum Kind {
        STAGE_OVERDUE("stage-overdue"),
        TOTAL_TIMESCALE("total-timescale");

        final String id;

        Kind(String id) {
            this.id = id;
        }
    }

    public String instanceId() {
        return instanceId(disputeId, kind, stage);
    }

    static String instanceId(String disputeId, Kind kind, String stage) {
        return disputeId + "/" + kind.id + "/" + stage;
    }

    /** A date due on D may be met all of D: the deadline falls at the start of D+1 in London. */
    public Instant fireAt() {
        return fireAt(dueDate);
    }

    public static Instant fireAt(LocalDate dueDate) {
        return dueDate.plusDays(1).atStartOfDay(BusinessDate.LONDON).toInstant();
    }
}
