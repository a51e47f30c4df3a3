package uk.iro.disputes.query.goodpractice;

import java.time.LocalDate;
import uk.iro.disputes.kernel.dispute.StaffReference;

/**
 * A good-practice alert as the API shows it. The description is free text: in the single-alert view only.
 *
 * @param status RECORDED until the manager acknowledges it, then ACKNOWLEDGED
 */
public record GoodPracticeView(String alertId, long version, String childCaseId, String responsibleTeam,
        String relatedDisputeId, StaffReference manager, String description, StaffReference recordedBy,
        LocalDate recordedOn, String status, StaffReference acknowledgedBy, LocalDate acknowledgedOn) {
}
