package uk.iro.disputes.query.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.policy.PolicyCatalogue;
import uk.iro.disputes.kernel.policy.StagePolicy;

/** Works out a {@link Report} from the read models and the report facts. */
@Component
public class Reports {
    private final JdbcClient jdbc;
    private final WorkingDayCalendar calendar;
    private final PolicyCatalogue policies;
    private final Clock clock;

    public Reports(JdbcClient jdbc, WorkingDayCalendar calendar, PolicyCatalogue policies, Clock clock) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.policies = policies;
        this.clock = clock;
    }

    public Report report(LocalDate from, LocalDate to, String team, String policyId) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", from);
        params.put("to", to);
        String scope = "";
        if (team != null) {
            scope += " AND d.responsible_team = :team";
            params.put("team", team);
        }
        if (policyId != null) {
            scope += " AND d.policy_id = :policy";
            params.put("policy", policyId);
        }
        String raisedIn = " FROM dispute d WHERE d.raised_on BETWEEN :from AND :to" + scope;

        Map<String, Long> byTrack = counts("SELECT d.track, count(*)" + raisedIn + " GROUP BY d.track", params);
        long total = byTrack.values().stream().mapToLong(Long::longValue).sum();
        long informal = byTrack.getOrDefault("INFORMAL", 0L);
        Report.Raised raised = new Report.Raised(total, informal, total - informal, byTrack,
                stageCounts("SELECT d.policy_id, d.starting_stage, count(*)" + raisedIn
                        + " GROUP BY d.policy_id, d.starting_stage", params));
        List<Report.StageCount> highest = stageCounts("SELECT d.policy_id, d.highest_stage, count(*)" + raisedIn
                + " GROUP BY d.policy_id, d.highest_stage", params);
        Map<String, Long> byCategory = counts("SELECT c, count(*) FROM dispute d, unnest(d.categories) c"
                + " WHERE d.raised_on BETWEEN :from AND :to" + scope + " GROUP BY c", params);
        Map<String, Long> byTeam = counts("SELECT COALESCE(d.responsible_team, ''), count(*)" + raisedIn
                + " GROUP BY d.responsible_team", params);

        Report.Resolution resolution = resolution(" FROM dispute d WHERE d.resolved_on BETWEEN :from AND :to" + scope,
                params);

        String factScope = scope.replace("d.responsible_team", "f.team").replace("d.policy_id", "f.policy_id");
        List<Report.OverdueCount> overdue = new ArrayList<>();
        jdbc.sql("SELECT f.policy_id, f.stage_key, f.assignee_role, count(*) FROM dispute_fact f"
                        + " WHERE f.kind = 'STAGE_OVERDUE' AND f.on_date BETWEEN :from AND :to" + factScope
                        + " GROUP BY f.policy_id, f.stage_key, f.assignee_role"
                        + " ORDER BY f.policy_id, f.stage_key, f.assignee_role")
                .params(params)
                .query((rs, i) -> overdue.add(new Report.OverdueCount(rs.getString(1), rs.getString(2),
                        title(rs.getString(1), rs.getString(2)), rs.getString(3), rs.getLong(4))))
                .list();
        long cafcass = factCount(ReportFacts.CAFCASS_REFERRAL, factScope, params);
        long extensions = factCount(ReportFacts.EXTENSION, factScope, params);

        Map<String, Long> byChildStatus = counts("SELECT d.child_status, count(*)" + raisedIn
                + " GROUP BY d.child_status", params);
        Map<String, Long> byIro = counts("SELECT d.iro_staff_id, count(*)" + raisedIn + " GROUP BY d.iro_staff_id",
                params);
        String resolvedIn = " FROM dispute d WHERE d.resolved_on BETWEEN :from AND :to" + scope;
        Map<String, Long> resolvedByTeam = counts("SELECT COALESCE(d.responsible_team, ''), count(*)" + resolvedIn
                + " GROUP BY d.responsible_team", params);
        Map<String, Long> resolvedByIro = counts("SELECT d.iro_staff_id, count(*)" + resolvedIn
                + " GROUP BY d.iro_staff_id", params);
        Report.RepeatDisputes repeats = jdbc.sql("SELECT count(*), count(*) FILTER (WHERE n > 1),"
                        + " COALESCE(sum(n) FILTER (WHERE n > 1), 0) FROM (SELECT d.child_case_id, count(*) AS n"
                        + raisedIn + " GROUP BY d.child_case_id) c")
                .params(params)
                .query((rs, i) -> new Report.RepeatDisputes(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
        long informalEscalated = jdbc.sql("SELECT count(*)" + raisedIn
                        + " AND d.track = 'INFORMAL' AND d.formal_started_on IS NOT NULL")
                .params(params).query(Long.class).single();
        Report.Share informalToFormal = share(informal, informalEscalated);

        // Good practice has a team but no policy: the team filter applies, the policy filter does not.
        Map<String, Object> gpParams = new HashMap<>(params);
        String gpScope = team == null ? "" : " AND g.responsible_team = :team";
        String gpIn = " FROM good_practice g WHERE g.recorded_on BETWEEN :from AND :to" + gpScope;
        Map<String, Long> gpByTeam = counts("SELECT g.responsible_team, count(*)" + gpIn
                + " GROUP BY g.responsible_team", gpParams);
        long gpRecorded = gpByTeam.values().stream().mapToLong(Long::longValue).sum();
        long gpAcknowledged = jdbc.sql("SELECT count(*)" + gpIn + " AND g.acknowledged_on IS NOT NULL")
                .params(gpParams).query(Long.class).single();

        List<Report.Quarter> quarters = new ArrayList<>();
        for (LocalDate start = quarterStart(from); !start.isAfter(to); start = start.plusMonths(3)) {
            LocalDate qFrom = start.isBefore(from) ? from : start;
            LocalDate end = start.plusMonths(3).minusDays(1);
            LocalDate qTo = end.isAfter(to) ? to : end;
            Map<String, Object> q = new HashMap<>(params);
            q.put("from", qFrom);
            q.put("to", qTo);
            Map<String, Long> tracks = counts("SELECT d.track, count(*)" + raisedIn + " GROUP BY d.track", q);
            long qRaised = tracks.values().stream().mapToLong(Long::longValue).sum();
            long qInformal = tracks.getOrDefault("INFORMAL", 0L);
            long qEscalated = jdbc.sql("SELECT count(*)" + raisedIn
                    + " AND d.track = 'INFORMAL' AND d.formal_started_on IS NOT NULL").params(q)
                    .query(Long.class).single();
            long qResolved = jdbc.sql("SELECT count(*)" + resolvedIn).params(q).query(Long.class).single();
            long qOverdue = factCount(ReportFacts.STAGE_OVERDUE, factScope, q);
            long qGood = jdbc.sql("SELECT count(*)" + gpIn).params(q).query(Long.class).single();
            quarters.add(new Report.Quarter(start.getYear() + "-Q" + (start.getMonthValue() / 3 + 1), qFrom, qTo,
                    qRaised, qInformal, qRaised - qInformal, qEscalated, qResolved, qOverdue, qGood));
        }

        return new Report(from, to, team, policyId, clock.instant(), raised, highest, byCategory, byTeam, resolution,
                overdue, cafcass, extensions, byChildStatus, byIro, resolvedByTeam, resolvedByIro, repeats,
                informalToFormal, quarters, new Report.GoodPractice(gpRecorded, gpAcknowledged, gpByTeam));
    }

    /** The first day of the calendar quarter holding {@code date}. */
    static LocalDate quarterStart(LocalDate date) {
        return LocalDate.of(date.getYear(), (date.getMonthValue() - 1) / 3 * 3 + 1, 1);
    }

    private Report.Resolution resolution(String resolvedIn, Map<String, Object> params) {
        Map<String, Long> byOutcome = counts("SELECT d.resolution_outcome, count(*)" + resolvedIn
                + " GROUP BY d.resolution_outcome", params);
        List<Resolved> rows = jdbc.sql("SELECT d.raised_on, d.resolved_on, d.formal_started_on, d.statutory_due_date,"
                        + " d.declared_total_due_date" + resolvedIn)
                .params(params)
                .query((rs, i) -> new Resolved(date(rs, 1), date(rs, 2), date(rs, 3), date(rs, 4), date(rs, 5)))
                .list();
        long statutoryApplicable = 0;
        long statutoryWithin = 0;
        long policyApplicable = 0;
        long policyWithin = 0;
        List<Integer> days = new ArrayList<>();
        for (Resolved r : rows) {
            days.add(calendar.workingDaysBetween(r.raisedOn(), r.resolvedOn()));
            if (r.formalStartedOn() != null) {
                statutoryApplicable++;
                statutoryWithin += r.resolvedOn().isAfter(r.statutoryDueDate()) ? 0 : 1;
                if (r.declaredTotalDueDate() != null) {
                    policyApplicable++;
                    policyWithin += r.resolvedOn().isAfter(r.declaredTotalDueDate()) ? 0 : 1;
                }
            }
        }
        days.sort(Integer::compare);
        return new Report.Resolution(rows.size(), byOutcome, share(policyApplicable, policyWithin),
                share(statutoryApplicable, statutoryWithin),
                new Report.Spread(days.size(), nearestRank(days, 50), nearestRank(days, 90)));
    }

    /** The smallest value with at least p% of the values at or below it. */
    static Integer nearestRank(List<Integer> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static Report.Share share(long applicable, long within) {
        return new Report.Share(applicable, within,
                applicable == 0 ? null : Math.round(within * 1000.0 / applicable) / 10.0);
    }

    private long factCount(String kind, String factScope, Map<String, Object> params) {
        return jdbc.sql("SELECT count(*) FROM dispute_fact f WHERE f.kind = '" + kind + "'"
                        + " AND f.on_date BETWEEN :from AND :to" + factScope)
                .params(params).query(Long.class).single();
    }

    private Map<String, Long> counts(String sql, Map<String, Object> params) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql(sql).params(params).query((rs, i) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    private List<Report.StageCount> stageCounts(String sql, Map<String, Object> params) {
        List<Report.StageCount> counts = new ArrayList<>();
        jdbc.sql(sql + " ORDER BY 1, 2").params(params)
                .query((rs, i) -> counts.add(new Report.StageCount(rs.getString(1), rs.getString(2),
                        title(rs.getString(1), rs.getString(2)), rs.getLong(3))))
                .list();
        return counts;
    }

    /** The stage's title in the newest version of its policy; null for a stage no loaded policy names. */
    private String title(String policyId, String stage) {
        if (stage == null) {
            return null;
        }
        try {
            return policies.latest(policyId)
                    .flatMap(p -> p.stage(uk.iro.disputes.kernel.policy.StageKey.of(stage)))
                    .map(StagePolicy::title).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private record Resolved(LocalDate raisedOn, LocalDate resolvedOn, LocalDate formalStartedOn,
            LocalDate statutoryDueDate, LocalDate declaredTotalDueDate) {
    }
}
