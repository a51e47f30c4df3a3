package uk.iro.disputes.scheduler.schedule;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import uk.iro.disputes.kernel.calendar.BusinessDate;

/**
 * One deadline of one dispute, stored as db-scheduler's task data. The task instance id is (dispute, kind, stage),
 * so a dispute has at most one pending deadline of each kind per stage.
 *
 * @param dueDate the date the deadline is about: a stage's due date, the total due date, the monitoring date
 * @param fireOn the business date at whose start in London it falls; null (as in deadlines stored before reminders
 *     existed) means the day after {@code dueDate}
 */
public record Deadline(String disputeId, Kind kind, String stage, LocalDate dueDate, LocalDate fireOn)
        implements Serializable {

    /** The stage key the total timescale is filed under. */
    public static final String TOTAL = "total";
    /** The stage key the monitoring meeting is filed under. */
    public static final String MONITORING = "monitoring";

    /** A deadline missed once {@code dueDate} has passed: it falls at the start of the next day. */
    public static Deadline missedAfter(String disputeId, Kind kind, String stage, LocalDate dueDate) {
        return new Deadline(disputeId, kind, stage, dueDate, dueDate.plusDays(1));
    }

    public enum Kind {
        STAGE_OVERDUE("stage-overdue"),
        TOTAL_TIMESCALE("total-timescale"),
        STAGE_DUE_SOON("due-soon"),
        MONITORING_OVERDUE("monitoring-overdue");

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

    /** A date due on D may be met all of D: a missed deadline falls at the start of D+1 in London. */
    public Instant fireAt() {
        return fireOn == null ? fireAt(dueDate) : fireOn.atStartOfDay(BusinessDate.LONDON).toInstant();
    }

    public static Instant fireAt(LocalDate dueDate) {
        return dueDate.plusDays(1).atStartOfDay(BusinessDate.LONDON).toInstant();
    }
}
