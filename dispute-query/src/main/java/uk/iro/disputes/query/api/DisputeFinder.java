package uk.iro.disputes.query.api;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.iro.disputes.kernel.calendar.BusinessDate;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.query.projection.StateJson;
import uk.iro.disputes.query.security.Caller;
import uk.iro.disputes.query.security.DisputeAccess;

/** Reads the dispute read model, always through the caller's visibility. */
@Component
public class DisputeFinder {
    private static final String OVERDUE = "(d.status = 'OPEN' AND NOT d.current_answered"
            + " AND d.current_due_date < :today)";
    /** Open, at a stage not yet answered, and nobody has acknowledged it. */
    private static final String UNACKNOWLEDGED = "(d.status = 'OPEN' AND d.current_stage IS NOT NULL"
            + " AND NOT d.current_answered AND d.current_acknowledged_on IS NULL)";
    private final JdbcClient jdbc;

    public DisputeFinder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The dispute's folded state, if it exists and the caller may see it. */
    public Optional<DisputeState> state(String disputeId, Caller caller) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", disputeId);
        String visible = DisputeAccess.visibleTo(caller, params);
        return jdbc.sql("SELECT d.state::text FROM dispute d WHERE d.dispute_id = :id AND " + visible)
                .params(params).query(String.class).optional().map(StateJson::read);
    }

    /** The projected version of a dispute regardless of who asks (for read-your-writes); -1 if not projected. */
    public long projectedVersion(String disputeId) {
        return jdbc.sql("SELECT version FROM dispute WHERE dispute_id = :id").param("id", disputeId)
                .query(Long.class).optional().orElse(-1L);
    }

    public Page<DisputeSummary> list(DisputeFilter f, Paging paging, Caller caller, LocalDate today) {
        return list("dispute d", new HashMap<>(), f, paging, caller, today);
    }

    /**
     * The caseload as it stood at an instant, from the validity intervals (no stream is replayed): each dispute as
     * its row was after the last event at or before {@code asOf}; overdue judged on that instant's London date.
     */
    public Page<DisputeSummary> listAsOf(DisputeFilter f, Paging paging, Caller caller, Instant asOf) {
        Map<String, Object> params = new HashMap<>();
        params.put("asOf", asOf.atOffset(ZoneOffset.UTC));
        String intervals = "(SELECT i.*, i.valid_from AS last_event_at FROM dispute_interval i"
                + " WHERE i.valid_from <= :asOf AND (i.valid_to IS NULL OR i.valid_to > :asOf)) d";
        return list(intervals, params, f, paging, caller, LocalDate.ofInstant(asOf, BusinessDate.LONDON));
    }

    private Page<DisputeSummary> list(String source, Map<String, Object> params, DisputeFilter f, Paging paging,
            Caller caller, LocalDate today) {
        StringBuilder where = new StringBuilder(DisputeAccess.visibleTo(caller, params));
        params.put("today", today);
        condition(where, params, "d.status = :status", "status", f.status() == null ? null : f.status().name());
        condition(where, params, "d.current_stage = :stage", "stage", f.stage());
        condition(where, params, "d.iro_staff_id = :iro", "iro", f.iro());
        condition(where, params, "d.current_assignee_role = :assigneeRole", "assigneeRole",
                f.assigneeRole() == null ? null : f.assigneeRole().name());
        condition(where, params, "d.responsible_team = :team", "team", f.team());
        condition(where, params, "d.child_case_id = :child", "child", f.childCaseId());
        condition(where, params, ":category = ANY(d.categories)", "category",
                f.category() == null ? null : f.category().name());
        condition(where, params, "d.raised_on >= :raisedFrom", "raisedFrom", f.raisedFrom());
        condition(where, params, "d.raised_on <= :raisedTo", "raisedTo", f.raisedTo());
        condition(where, params, "d.child_status = :childStatus", "childStatus",
                f.childStatus() == null ? null : f.childStatus().name());
        if (f.unacknowledged() != null) {
            where.append(f.unacknowledged() ? " AND " + UNACKNOWLEDGED : " AND NOT " + UNACKNOWLEDGED);
        }
        if (f.overdue() != null) {
            where.append(f.overdue() ? " AND " + OVERDUE : " AND NOT " + OVERDUE);
        }
        return page("FROM " + source + " WHERE " + where, params, paging);
    }

    /**
     * Open disputes waiting on the caller: a stage assigned to them by name, or to a role of theirs (in their team
     * when the token names one); and, for an IRO, their disputes whose stage has been answered and now waits on
     * them to resolve or escalate.
     */
    public Page<DisputeSummary> awaiting(Caller caller, Paging paging, LocalDate today) {
        Map<String, Object> params = new HashMap<>();
        params.put("today", today);
        params.put("me", caller.subject() == null ? "" : caller.subject());
        StringBuilder waits = new StringBuilder("(NOT d.current_answered AND d.current_assignee_staff_id = :me)");
        List<String> roles = DisputeAccess.RESPONDENT_ROLES.stream().filter(caller::has).map(Enum::name).sorted()
                .toList();
        if (!roles.isEmpty()) {
            params.put("myRoles", roles);
            waits.append(" OR (NOT d.current_answered AND d.current_assignee_staff_id IS NULL"
                    + " AND d.current_assignee_role IN (:myRoles)");
            if (caller.team() != null) {
                params.put("myTeam", caller.team());
                waits.append(" AND d.responsible_team = :myTeam");
            }
            waits.append(")");
        }
        if (caller.has(uk.iro.disputes.kernel.dispute.Role.IRO) || caller.has(uk.iro.disputes.kernel.dispute.Role.CP_CHAIR)) {
            waits.append(" OR (d.current_answered AND d.iro_staff_id = :me)");
        }
        return page("FROM dispute d WHERE d.status = 'OPEN' AND d.current_stage IS NOT NULL AND (" + waits + ")",
                params, paging);
    }

    private Page<DisputeSummary> page(String from, Map<String, Object> params, Paging paging) {
        long total = jdbc.sql("SELECT count(*) " + from).params(params).query(Long.class).single();
        params.put("limit", paging.size());
        params.put("offset", paging.offset());
        List<DisputeSummary> items = jdbc.sql("SELECT d.*, " + OVERDUE + " AS overdue "
                        + from + " ORDER BY " + paging.orderBy() + " LIMIT :limit OFFSET :offset")
                .params(params).query((rs, i) -> summary(rs)).list();
        return Page.of(items, paging.page(), paging.size(), total);
    }

    private static void condition(StringBuilder where, Map<String, Object> params, String sql, String name,
            Object value) {
        if (value != null) {
            where.append(" AND ").append(sql);
            params.put(name, value);
        }
    }

    static DisputeSummary summary(ResultSet rs) throws SQLException {
        String stage = rs.getString("current_stage");
        DisputeSummary.Current current = stage == null ? null : new DisputeSummary.Current(stage,
                rs.getString("current_stage_title"), rs.getString("current_assignee_role"),
                rs.getString("current_assignee_staff_id"), date(rs, "current_stage_opened_on"),
                date(rs, "current_due_date"), rs.getBoolean("current_answered"), date(rs, "current_acknowledged_on"),
                rs.getString("current_acknowledged_by"));
        Timestamp last = rs.getTimestamp("last_event_at");
        return new DisputeSummary(rs.getString("dispute_id"), rs.getLong("version"), rs.getString("policy_id"),
                rs.getInt("policy_version"), rs.getString("child_case_id"), rs.getString("responsible_team"),
                rs.getString("iro_staff_id"), rs.getString("track"), texts(rs.getArray("categories")),
                rs.getString("status"), date(rs, "raised_on"), current, rs.getBoolean("overdue"),
                rs.getString("highest_stage"), date(rs, "formal_started_on"), date(rs, "resolved_on"),
                rs.getObject("cafcass_referred_on") != null, rs.getBoolean("legal_advice_requested"),
                last == null ? null : last.toInstant(), rs.getString("child_status"));
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
