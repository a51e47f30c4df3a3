package uk.iro.disputes.query.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A dispute in a list: identifiers, where it stands and by when, no free text (concerns and responses are only in
 * the single-dispute view).
 */
public record DisputeSummary(
        String disputeId,
        long version,
        String policyId,
        int policyVersion,
        String childCaseId,
        String responsibleTeam,
        String iroStaffId,
        String track,
        List<String> categories,
        String status,
        LocalDate raisedOn,
        Current currentStage,
        boolean overdue,
        String highestStage,
        LocalDate formalStartedOn,
        LocalDate resolvedOn,
        boolean cafcassReferred,
        boolean legalAdviceRequested,
        Instant lastEventAt,
        String childStatus) {

    /** The stage the dispute waits on; null unless open at a stage. */
    public record Current(String key, String title, String assigneeRole, String assigneeStaffId, LocalDate openedOn,
            LocalDate dueDate, boolean answered, LocalDate acknowledgedOn, String acknowledgedByStaffId) {
    }
}
