package uk.iro.disputes.query.api;

import java.time.LocalDate;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeStatus;
import uk.iro.disputes.kernel.dispute.Role;

/** The filters of {@code GET /disputes}; every one optional, all of them ANDed. Dates are inclusive. */
public record DisputeFilter(DisputeStatus status, String stage, String iro, Role assigneeRole, String team,
        String childCaseId, ConcernCategory category, Boolean overdue, LocalDate raisedFrom, LocalDate raisedTo) {

    public DisputeFilter {
        if (raisedFrom != null && raisedTo != null && raisedTo.isBefore(raisedFrom)) {
            throw new FieldProblem("raisedTo", "is before raisedFrom");
        }
    }
}
