package uk.iro.disputes.query.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.event.ReferredToCafcass;
import uk.iro.disputes.kernel.event.StageOverdue;
import uk.iro.disputes.kernel.event.StageTimescaleExtended;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.kernel.state.StageState;
import uk.iro.disputes.query.projection.ReadModelListener;

/** Records the report facts (overdue stages, extensions, CAFCASS referrals) in the projection's transaction. */
@Component
public class ReportFacts implements ReadModelListener {
    public static final String STAGE_OVERDUE = "STAGE_OVERDUE";
    public static final String EXTENSION = "EXTENSION";
    public static final String CAFCASS_REFERRAL = "CAFCASS_REFERRAL";
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public ReportFacts(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    @Override
    public void applied(DisputeState before, DisputeState after, DisputeEvent event, long sequence, Instant timestamp,
            MetaData metaData) {
        if (event instanceof StageOverdue e) {
            fact(after, sequence, STAGE_OVERDUE, e.recordedOn(), before.currentStage());
        } else if (event instanceof StageTimescaleExtended e) {
            fact(after, sequence, EXTENSION, e.agreedOn(), before.currentStage());
        } else if (event instanceof ReferredToCafcass e) {
            fact(after, sequence, CAFCASS_REFERRAL, e.referredOn(), before.currentStage());
        }
    }

    private void fact(DisputeState s, long sequence, String kind, LocalDate on, Optional<StageState> stage) {
        jdbc.sql("""
                INSERT INTO dispute_fact (dispute_id, sequence, kind, on_date, policy_id, stage_key, stage_title,
                    assignee_role, team)
                VALUES (:id, :sequence, :kind, :on, :policy, :stage, :title, :role, :team)
                ON CONFLICT (dispute_id, sequence) DO NOTHING""")
                .param("id", s.disputeId().value()).param("sequence", sequence).param("kind", kind).param("on", on)
                .param("policy", s.policy().id())
                .param("stage", stage.map(st -> st.key().value()).orElse(null))
                .param("title", stage.map(StageState::title).orElse(null))
                .param("role", stage.map(st -> st.assigneeRole() == null ? null : st.assigneeRole().name()).orElse(null))
                .param("team", s.responsibleTeam())
                .update();
    }

    @Override
    public void cleared() {
        template.execute("TRUNCATE dispute_fact");
    }
}
