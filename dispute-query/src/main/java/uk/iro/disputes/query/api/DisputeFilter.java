package uk.iro.disputes.query.api;

import java.time.LocalDate;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeStatus;
import uk.iro.disputes.kernel.dispute.Role;

/** The filters of {@code GET /disputes}; every one optional, all of them ANDed. Dates are inclusive. */
public record DisputeFilter(DisputeStatus status, String stage, String iro, Role assigneeRole, String team,
        String childCaseId, ConcernCategory category, Boolean overdue, LocalDate raisedFrom, LocalDate raisedTo,
        Boolean unacknowledged, ChildStatus childStatus) {

    public DisputeFilter(DisputeStatus status, String stage, String iro, Role assigneeRole, String team,
            String childCaseId, ConcernCategory category, Boolean overdue, LocalDate raisedFrom, LocalDate raisedTo) {
        this(status, stage, iro, assigneeRole, team, childCaseId, category, overdue, raisedFrom, raisedTo, null, null);
    }

    public DisputeFilter {
        if (raisedFrom != null && raisedTo != null && raisedTo.isBefore(raisedFrom)) {
            throw new FieldProblem("raisedTo", "is before raisedFrom");
        }
    }
}
