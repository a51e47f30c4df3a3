package uk.iro.disputes.query.report;

import java.util.Map;

/**
 * A report as CSV in long form, one figure a line: {@code section,policyId,stage,role,key,value}. Easy to load into
 * a spreadsheet or a reporting database and pivot there; RFC 4180 quoting.
 */
final class ReportCsv {

    private ReportCsv() {
    }

    static String of(Report r) {
        StringBuilder csv = new StringBuilder("section,policyId,stage,role,key,value\r\n");
        line(csv, "period", "", "", "", "from", r.from());
        line(csv, "period", "", "", "", "to", r.to());
        line(csv, "raised", "", "", "", "total", r.raised().total());
        line(csv, "raised", "", "", "", "informal", r.raised().informal());
        line(csv, "raised", "", "", "", "formal", r.raised().formal());
        r.raised().byTrack().forEach((track, n) -> line(csv, "raised.track", "", "", "", track, n));
        r.raised().byStartingStage().forEach(s -> line(csv, "raised.startingStage", s.policyId(), s.stage(), "",
                "count", s.count()));
        r.highestStageReached().forEach(s -> line(csv, "highestStageReached", s.policyId(), s.stage(), "", "count",
                s.count()));
        r.byCategory().forEach((category, n) -> line(csv, "raised.category", "", "", "", category, n));
        r.byTeam().forEach((team, n) -> line(csv, "raised.team", "", "", "", team, n));
        Report.Resolution res = r.resolution();
        line(csv, "resolved", "", "", "", "total", res.resolved());
        res.byOutcome().forEach((outcome, n) -> line(csv, "resolved.outcome", "", "", "", outcome, n));
        share(csv, "resolved.withinPolicyTimescale", res.withinPolicyTimescale());
        share(csv, "resolved.withinStatutoryTimescale", res.withinStatutoryTimescale());
        line(csv, "resolved.workingDays", "", "", "", "count", res.workingDaysToResolution().count());
        line(csv, "resolved.workingDays", "", "", "", "median", res.workingDaysToResolution().median());
        line(csv, "resolved.workingDays", "", "", "", "p90", res.workingDaysToResolution().p90());
        r.overdueStages().forEach(o -> line(csv, "overdueStages", o.policyId(), o.stage(), o.responderRole(), "count",
                o.count()));
        line(csv, "cafcassReferrals", "", "", "", "count", r.cafcassReferrals());
        line(csv, "extensions", "", "", "", "count", r.extensions());
        r.byChildStatus().forEach((status, n) -> line(csv, "raised.childStatus", "", "", "", status, n));
        r.byIro().forEach((iro, n) -> line(csv, "raised.iro", "", "", "", iro, n));
        r.resolvedByTeam().forEach((team, n) -> line(csv, "resolved.team", "", "", "", team, n));
        r.resolvedByIro().forEach((iro, n) -> line(csv, "resolved.iro", "", "", "", iro, n));
        line(csv, "repeatDisputes", "", "", "", "children", r.repeatDisputes().children());
        line(csv, "repeatDisputes", "", "", "", "childrenWithMoreThanOne", r.repeatDisputes().childrenWithMoreThanOne());
        line(csv, "repeatDisputes", "", "", "", "disputesOfThoseChildren", r.repeatDisputes().disputesOfThoseChildren());
        share(csv, "informalToFormal", r.informalToFormal());
        for (Report.Quarter q : r.quarters()) {
            String section = "quarter." + q.quarter();
            line(csv, section, "", "", "", "from", q.from());
            line(csv, section, "", "", "", "to", q.to());
            line(csv, section, "", "", "", "raised", q.raised());
            line(csv, section, "", "", "", "informal", q.informal());
            line(csv, section, "", "", "", "formal", q.formal());
            line(csv, section, "", "", "", "escalatedToFormal", q.escalatedToFormal());
            line(csv, section, "", "", "", "resolved", q.resolved());
            line(csv, section, "", "", "", "overdueStages", q.overdueStages());
            line(csv, section, "", "", "", "goodPracticeRecorded", q.goodPracticeRecorded());
        }
        line(csv, "goodPractice", "", "", "", "recorded", r.goodPractice().recorded());
        line(csv, "goodPractice", "", "", "", "acknowledged", r.goodPractice().acknowledged());
        r.goodPractice().byTeam().forEach((team, n) -> line(csv, "goodPractice.team", "", "", "", team, n));
        return csv.toString();
    }

    private static void share(StringBuilder csv, String section, Report.Share share) {
        line(csv, section, "", "", "", "applicable", share.applicable());
        line(csv, section, "", "", "", "within", share.within());
        line(csv, section, "", "", "", "percent", share.percent());
    }

    private static void line(StringBuilder csv, String section, String policy, String stage, String role, String key,
            Object value) {
        csv.append(String.join(",", quote(section), quote(policy), quote(stage), quote(role), quote(key),
                quote(value == null ? "" : String.valueOf(value)))).append("\r\n");
    }

    static String quote(String field) {
        String f = field == null ? "" : field;
        // A leading = + - @ would be read as a formula by spreadsheets; prefix it so it stays text.
        if (!f.isEmpty() && "=+-@".indexOf(f.charAt(0)) >= 0 && !f.matches("-?\\d+(\\.\\d+)?")) {
            f = "'" + f;
        }
        if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
            return "\"" + f.replace("\"", "\"\"") + "\"";
        }
        return f;
    }

    static Map<String, String> headers(Report r) {
        return Map.of("Content-Disposition", "attachment; filename=\"iro-disputes-report-" + r.from() + "-to-" + r.to()
                + ".csv\"");
    }
}
