package uk.iro.disputes.query.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures for the IRO annual report and reporting teams over a period (both dates inclusive, Europe/London).
 * Identifiers, stages, roles, teams, dates and counts only: no free text; staff ids (never names) only in the
 * breakdowns by IRO.
 *
 * @param raised disputes raised in the period
 * @param highestStageReached disputes raised in the period, by the highest stage they have reached so far
 * @param byCategory disputes raised in the period, by concern category (a dispute counts once per category)
 * @param byTeam disputes raised in the period, by responsible team
 * @param resolution disputes resolved in the period (whenever raised)
 * @param overdueStages stages recorded overdue in the period, by stage and the role that was to respond
 * @param cafcassReferrals referrals to CAFCASS made in the period
 * @param extensions stage timescale extensions agreed in the period
 * @param byChildStatus disputes raised in the period, by the child's status (looked after, child protection)
 * @param byIro disputes raised in the period, by the owning IRO's (or CP chair's) staff id
 * @param resolvedByTeam disputes resolved in the period, by responsible team
 * @param resolvedByIro disputes resolved in the period, by the owning IRO's staff id
 * @param repeatDisputes children with more than one dispute raised in the period
 * @param informalToFormal of the disputes raised on the informal track in the period, how many have since entered
 *     the formal process
 * @param quarters the period by calendar quarter (clipped to the period): the same figures, quarter by quarter
 * @param goodPractice good-practice alerts recorded in the period: counted here, never among the disputes
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
        long extensions,
        Map<String, Long> byChildStatus,
        Map<String, Long> byIro,
        Map<String, Long> resolvedByTeam,
        Map<String, Long> resolvedByIro,
        RepeatDisputes repeatDisputes,
        Share informalToFormal,
        List<Quarter> quarters,
        GoodPractice goodPractice) {

    /**
     * @param children distinct children with a dispute raised in the period
     * @param childrenWithMoreThanOne of them, those with two or more
     * @param disputesOfThoseChildren how many disputes those children had in the period
     */
    public record RepeatDisputes(long children, long childrenWithMoreThanOne, long disputesOfThoseChildren) {
    }

    /**
     * One calendar quarter (e.g. 2026-Q2, April to June), clipped to the report's period.
     *
     * @param formal raised on the formal or immediate-concern track
     * @param escalatedToFormal informal disputes raised in the quarter that have since entered the formal process
     */
    public record Quarter(String quarter, LocalDate from, LocalDate to, long raised, long informal, long formal,
            long escalatedToFormal, long resolved, long overdueStages, long goodPracticeRecorded) {
    }

    /**
     * @param recorded alerts recorded in the period
     * @param acknowledged of those, acknowledged by their manager (so far)
     * @param byTeam alerts recorded in the period, by the team whose practice was highlighted
     */
    public record GoodPractice(long recorded, long acknowledged, Map<String, Long> byTeam) {
    }

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
