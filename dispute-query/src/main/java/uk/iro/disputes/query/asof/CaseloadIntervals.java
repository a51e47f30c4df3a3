package uk.iro.disputes.query.asof;

import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.query.projection.ReadModelListener;

/**
 * Keeps the validity intervals of the caseload: when an event is projected, the dispute's open interval ends at
 * the event's time and a new one, a copy of the freshly written dispute row, begins. Written in the projection's
 * transaction, after the row.
 */
@Component
public class CaseloadIntervals implements ReadModelListener {
    static final String COLUMNS = "policy_id, policy_version, child_case_id, responsible_team, iro_staff_id, track,"
            + " categories, status, raised_on, highest_stage, current_stage, current_stage_title,"
            + " current_assignee_role, current_assignee_staff_id, current_stage_opened_on, current_due_date,"
            + " current_answered, formal_started_on, resolved_on, cafcass_referred_on, legal_advice_requested,"
            + " child_status, current_acknowledged_on, current_acknowledged_by";
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public CaseloadIntervals(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    @Override
    public void applied(DisputeState before, DisputeState after, DisputeEvent event, long sequence, Instant timestamp,
            MetaData metaData) {
        // One statement: the open interval ends and the copy of the row begins (the CTE's UPDATE touches only the
        // earlier version's interval, the INSERT only this one's, so both see the same snapshot safely).
        jdbc.sql("WITH closed AS (UPDATE dispute_interval SET valid_to = :at WHERE dispute_id = :id"
                        + " AND valid_to IS NULL AND version < :version)"
                        + " INSERT INTO dispute_interval (dispute_id, version, valid_from, " + COLUMNS + ")"
                        + " SELECT dispute_id, version, :at, " + COLUMNS + " FROM dispute WHERE dispute_id = :id"
                        + " ON CONFLICT (dispute_id, version) DO NOTHING")
                .param("at", timestamp.atOffset(ZoneOffset.UTC)).param("id", event.disputeId().value())
                .param("version", sequence).update();
    }

    @Override
    public void cleared() {
        template.execute("TRUNCATE dispute_interval");
    }
}
