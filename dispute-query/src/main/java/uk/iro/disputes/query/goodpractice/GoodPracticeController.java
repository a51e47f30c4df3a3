package uk.iro.disputes.query.goodpractice;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.iro.disputes.kernel.audit.HashChain;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.query.api.FieldProblem;
import uk.iro.disputes.query.api.Page;
import uk.iro.disputes.query.api.QueryProblem;
import uk.iro.disputes.query.history.AuditController;
import uk.iro.disputes.query.history.StoredEvents;
import uk.iro.disputes.query.security.Caller;
import uk.iro.disputes.query.security.DisputeAccess;
import uk.iro.disputes.query.security.SecurityProperties;

/**
 * Good-practice alerts: the list (no free text), one alert, and for the AUDITOR its history and hash chain.
 *
 * <p>Who reads which alert: AUDITOR and IRO_MANAGER every alert; an IRO or CP chair the alerts they recorded; a team
 * or senior manager the alerts naming them and those naming no manager (any of them may acknowledge those), limited
 * to their team when the token names one; anything else is 404.
 */
@RestController
@RequestMapping("/api/v1/good-practice")
@Tag(name = "Good practice", description = "Good-practice alerts: their own lifecycle, never counted as disputes")
@SecurityRequirement(name = "bearer")
public class GoodPracticeController {
    /** Roles that may call these endpoints at all; each alert is then checked. */
    public static final Set<Role> READERS = Set.of(Role.AUDITOR, Role.IRO_MANAGER, Role.IRO, Role.CP_CHAIR,
            Role.TEAM_MANAGER, Role.SENIOR_MANAGER);
    private static final Set<Role> MANAGERS = Set.of(Role.TEAM_MANAGER, Role.SENIOR_MANAGER);

    private final JdbcClient jdbc;
    private final StoredEvents stored;
    private final AuditController audit;
    private final SecurityProperties security;
    private final Clock clock;

    public GoodPracticeController(JdbcClient jdbc, StoredEvents stored, AuditController audit,
            SecurityProperties security, Clock clock) {
        this.jdbc = jdbc;
        this.stored = stored;
        this.audit = audit;
        this.security = security;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Good-practice alerts the caller may see, newest first, without their descriptions")
    public Page<GoodPracticeView> list(@RequestParam(required = false) String childCaseId,
            @RequestParam(required = false) String team,
            @Parameter(description = "true: only alerts awaiting their manager; false: only acknowledged ones")
            @RequestParam(required = false) Boolean unacknowledged,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        if (p < 0) {
            throw new FieldProblem("page", "must be 0 or more");
        }
        if (s < 1 || s > 200) {
            throw new FieldProblem("size", "must be 1 to 200");
        }
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(visibleTo(caller(), params));
        if (childCaseId != null) {
            where.append(" AND g.child_case_id = :child");
            params.put("child", childCaseId);
        }
        if (team != null) {
            where.append(" AND g.responsible_team = :team");
            params.put("team", team);
        }
        if (unacknowledged != null) {
            where.append(unacknowledged ? " AND g.acknowledged_on IS NULL" : " AND g.acknowledged_on IS NOT NULL");
        }
        long total = jdbc.sql("SELECT count(*) FROM good_practice g WHERE " + where).params(params)
                .query(Long.class).single();
        params.put("limit", s);
        params.put("offset", (long) p * s);
        List<GoodPracticeView> items = jdbc.sql("SELECT * FROM good_practice g WHERE " + where
                        + " ORDER BY g.recorded_on DESC, g.alert_id LIMIT :limit OFFSET :offset")
                .params(params).query((rs, i) -> view(rs, false)).list();
        return Page.of(items, p, s, total);
    }

    @GetMapping("/{alertId}")
    @Operation(summary = "One good-practice alert, with its description")
    public GoodPracticeView one(@PathVariable String alertId) {
        return find(alertId, caller()).orElseThrow(() -> QueryProblem.notFound("good-practice alert " + alertId));
    }

    @GetMapping("/{alertId}/history")
    @Operation(summary = "Every event of the alert in order, in plain words, with actor, sequence and hash (AUDITOR)")
    public Map<String, Object> history(@PathVariable String alertId) {
        DisputeAccess.requireAuditor(caller(), "An alert's history");
        List<StoredEvents.Row> rows = rowsOf(alertId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("alertId", alertId);
        answer.put("events", rows.stream().map(audit::entry).toList());
        return answer;
    }

    @GetMapping("/{alertId}/verification")
    @Operation(summary = "Recompute the alert's hash chain from the store (AUDITOR)")
    public Map<String, Object> verification(@PathVariable String alertId) {
        DisputeAccess.requireAuditor(caller(), "Verification");
        List<StoredEvents.Row> rows = rowsOf(alertId);
        Optional<HashChain.Break> broken = HashChain.verify(rows.stream().map(StoredEvents.Row::forChain).toList());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("alertId", alertId);
        answer.put("checkedAt", clock.instant());
        answer.put("events", rows.size());
        answer.put("intact", broken.isEmpty());
        broken.ifPresent(b -> {
            answer.put("brokenAt", b.sequence());
            answer.put("kind", b.kind());
            answer.put("reason", b.reason());
        });
        return answer;
    }

    private List<StoredEvents.Row> rowsOf(String alertId) {
        List<StoredEvents.Row> rows = alertId.startsWith("gp-") ? stored.of(alertId) : List.of();
        if (rows.isEmpty()) {
            throw QueryProblem.notFound("good-practice alert " + alertId);
        }
        return rows;
    }

    private Optional<GoodPracticeView> find(String alertId, Caller caller) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", alertId);
        String visible = visibleTo(caller, params);
        return jdbc.sql("SELECT * FROM good_practice g WHERE g.alert_id = :id AND " + visible).params(params)
                .query((rs, i) -> view(rs, true)).optional();
    }

    /** An SQL condition on {@code good_practice g} limiting rows to what the caller may see. */
    static String visibleTo(Caller caller, Map<String, Object> params) {
        if (DisputeAccess.readsAll(caller)) {
            return "TRUE";
        }
        params.put("gpMe", caller.subject() == null ? "" : caller.subject());
        String condition = "(g.recorded_by_staff_id = :gpMe OR g.manager_staff_id = :gpMe"
                + " OR g.acknowledged_by_staff_id = :gpMe";
        if (caller.hasAny(MANAGERS)) {
            String unnamed = "g.manager_staff_id IS NULL";
            if (caller.team() != null) {
                params.put("gpTeam", caller.team());
                unnamed += " AND g.responsible_team = :gpTeam";
            }
            condition += " OR (" + unnamed + ")";
        }
        return condition + ")";
    }

    private Caller caller() {
        return Caller.current(security);
    }

    private static GoodPracticeView view(ResultSet rs, boolean withDescription) throws SQLException {
        return new GoodPracticeView(rs.getString("alert_id"), rs.getLong("version"), rs.getString("child_case_id"),
                rs.getString("responsible_team"), rs.getString("related_dispute_id"),
                staff(rs, "manager_staff_id", "manager_role"), withDescription ? rs.getString("description") : null,
                staff(rs, "recorded_by_staff_id", "recorded_by_role"), rs.getObject("recorded_on",
                        java.time.LocalDate.class),
                rs.getObject("acknowledged_on") == null ? "RECORDED" : "ACKNOWLEDGED",
                staff(rs, "acknowledged_by_staff_id", "acknowledged_by_role"),
                rs.getObject("acknowledged_on", java.time.LocalDate.class));
    }

    private static StaffReference staff(ResultSet rs, String id, String role) throws SQLException {
        String staffId = rs.getString(id);
        return staffId == null ? null : StaffReference.of(staffId, Role.valueOf(rs.getString(role)));
    }
}
