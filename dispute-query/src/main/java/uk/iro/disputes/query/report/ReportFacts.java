package uk.iro.disputes.query.report;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uk.iro.disputes.kernel.event.ReferredToCafcass;
import uk.iro.disputes.kernel.event.StageOverdue;
import uk.iro.disputes.kernel.event.StageTimescaleExtended;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.kernel.state.StageState;
import uk.iro.disputes.query.projection.BatchStatements;
import uk.iro.disputes.query.projection.ReadModelListener;

/** Records the report facts (overdue stages, extensions, CAFCASS referrals) in the projection's transaction. */
@Component
public class ReportFacts implements ReadModelListener {
    public static final String STAGE_OVERDUE = "STAGE_OVERDUE";
    public static final String EXTENSION = "EXTENSION";
    public static final String CAFCASS_REFERRAL = "CAFCASS_REFERRAL";
    private static final String INSERT = """
            INSERT INTO dispute_fact (dispute_id, sequence, kind, on_date, policy_id, stage_key, stage_title,
                assignee_role, team)
            SELECT dispute_id, sequence, kind, on_date, policy_id, stage_key, stage_title, assignee_role, team
            FROM jsonb_populate_recordset(NULL::dispute_fact, :rows)
            ON CONFLICT (dispute_id, sequence) DO NOTHING""";
    private final JdbcTemplate template;

    public ReportFacts(JdbcTemplate template) {
        this.template = template;
    }

    @Override
    public void applied(List<Change> changes, BatchStatements statements) {
        for (Change c : changes) {
            DisputeState before = c.before();
            if (c.event() instanceof StageOverdue e) {
                fact(c.after(), c.sequence(), STAGE_OVERDUE, e.recordedOn(), before.currentStage(), statements);
            } else if (c.event() instanceof StageTimescaleExtended e) {
                fact(c.after(), c.sequence(), EXTENSION, e.agreedOn(), before.currentStage(), statements);
            } else if (c.event() instanceof ReferredToCafcass e) {
                fact(c.after(), c.sequence(), CAFCASS_REFERRAL, e.referredOn(), before.currentStage(), statements);
            }
        }
    }

    private static void fact(DisputeState s, long sequence, String kind, LocalDate on, Optional<StageState> stage,
            BatchStatements statements) {
        Map<String, Object> p = new HashMap<>();
        p.put("dispute_id", s.disputeId().value());
        p.put("sequence", sequence);
        p.put("kind", kind);
        p.put("on_date", on);
        p.put("policy_id", s.policy().id());
        p.put("stage_key", stage.map(st -> st.key().value()).orElse(null));
        p.put("stage_title", stage.map(StageState::title).orElse(null));
        p.put("assignee_role", stage.map(st -> st.assigneeRole() == null ? null : st.assigneeRole().name())
                .orElse(null));
        p.put("team", s.responsibleTeam());
        statements.add(INSERT, p);
    }

    @Override
    public void cleared() {
        template.execute("TRUNCATE dispute_fact");
    }

    @Override
    public List<String> tables() {
        return List.of("dispute_fact");
    }
}
