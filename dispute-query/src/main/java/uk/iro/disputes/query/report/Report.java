package uk.iro.disputes.query.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures for the IRO annual report and reporting teams over a period (both dates inclusive, Europe/London).
 * Identifiers, stages, roles, teams, dates and counts only: no free text, no person.
 *
 * @param raised disputes raised in the period
 * @param highestStageReached disputes raised in the period, by the highest stage they have reached so far
 * @param byCategory disputes raised in the period, by concern category (a dispute counts once per category)
 * @param byTeam disputes raised in the period, by responsible team
 * @param resolution disputes resolved in the period (whenever raised)
 * @param overdueStages stages recorded overdue in the period, by stage and the role that was to respond
 * @param cafcassReferrals referrals to CAFCASS made in the period
 * @param extensions stage timescale extensions agreed in the period
 */
public record Report(
        LocalDate from,
        LocalDate to,
        String team,
        String policyId,
        Instant generatedAt,
        Raised raised,
        List<StageCount> highestStageReached,
        Map<String, Long> byCategory,
        Map<String, Long> byTeam,
        Resolution resolution,
        List<OverdueCount> overdueStages,
        long cafcassReferrals,
        long extensions) {

    /** @param informal raised on the informal track; formal: on the formal or immediate-concern track */
    public record Raised(long total, long informal, long formal, Map<String, Long> byTrack,
            List<StageCount> byStartingStage) {
    }

    public record StageCount(String policyId, String stage, String title, long count) {
    }

    /**
     * @param withinPolicyTimescale resolved on or before the policy's declared total due date; applicable where the
     *     formal process started and the policy declares a total
     * @param withinStatutoryTimescale resolved on or before the 20th working day of the formal process; applicable
     *     where the formal process started
     * @param workingDaysToResolution working days from the day raised to the day resolved
     */
    public record Resolution(long resolved, Map<String, Long> byOutcome, Share withinPolicyTimescale,
            Share withinStatutoryTimescale, Spread workingDaysToResolution) {
    }

    /** @param percent within / applicable × 100, to one decimal place; null when nothing is applicable */
    public record Share(long applicable, long within, Double percent) {
    }

    /** Nearest-rank median and 90th percentile (so always a number of days that occurred); null when count is 0. */
    public record Spread(long count, Integer median, Integer p90) {
    }

    public record OverdueCount(String policyId, String stage, String title, String responderRole, long count) {
    }
}
