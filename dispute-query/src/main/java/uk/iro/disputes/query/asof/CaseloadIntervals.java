package uk.iro.disputes.query.asof;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uk.iro.disputes.query.projection.BatchStatements;
import uk.iro.disputes.query.projection.DisputeReadModel;
import uk.iro.disputes.query.projection.ReadModelListener;

/**
 * Keeps the validity intervals of the caseload: when an event is projected, the dispute's open interval ends at
 * the event's time and a new one, with the caseload columns of the event's fold (what the dispute row holds after
 * it), begins. Several events of one dispute written together give an interval each, each ending where the next
 * begins; only the dispute's interval open before the first of them is closed in the database.
 *
 * <p>An interval that no instant falls in is not kept: the events of one command share a timestamp, so each but
 * the last would end where it began, and the caseload as of any instant only ever shows the last state at it. Such
 * an interval is not written, and one left open by an earlier batch is deleted, not closed, when the next event has
 * the same time. On the benchmark's store about a third of the intervals were of this kind (issue 8).
 */
@Component
public class CaseloadIntervals implements ReadModelListener {
    static final String COLUMNS = "policy_id, policy_version, child_case_id, responsible_team, iro_staff_id, track,"
            + " categories, status, raised_on, highest_stage, current_stage, current_stage_title,"
            + " current_assignee_role, current_assignee_staff_id, current_stage_opened_on, current_due_date,"
            + " current_answered, formal_started_on, resolved_on, cafcass_referred_on, legal_advice_requested,"
            + " child_status, current_acknowledged_on, current_acknowledged_by";
    // The open intervals are looked up by the disputes' ids as an array, which the planner always takes to the index
    // (see DisputeReadModel).
    static final String CLOSE = """
            WITH r AS (SELECT * FROM jsonb_populate_recordset(NULL::dispute_interval, :rows)),
            empty AS (DELETE FROM dispute_interval i USING r
                WHERE i.dispute_id = ANY(ARRAY(SELECT dispute_id FROM r)) AND i.dispute_id = r.dispute_id
                    AND i.valid_to IS NULL AND i.version < r.version AND i.valid_from >= r.valid_to)
            UPDATE dispute_interval i SET valid_to = r.valid_to FROM r
            WHERE i.dispute_id = ANY(ARRAY(SELECT dispute_id FROM r))
                AND i.dispute_id = r.dispute_id AND i.valid_to IS NULL AND i.version < r.version
                AND i.valid_from < r.valid_to""";
    // An interval already there (the row was cleared by hand and its stream refolded) is kept, and closed if open,
    // as the next event's close would have done.
    private static final String INSERT = "INSERT INTO dispute_interval (dispute_id, version, valid_from, valid_to, "
            + COLUMNS + ")\nSELECT dispute_id, version, valid_from, valid_to, " + COLUMNS
            + "\nFROM jsonb_populate_recordset(NULL::dispute_interval, :rows)\n"
            + "ON CONFLICT (dispute_id, version) DO UPDATE"
            + " SET valid_to = EXCLUDED.valid_to WHERE dispute_interval.valid_to IS NULL";
    private final JdbcTemplate template;

    public CaseloadIntervals(JdbcTemplate template) {
        this.template = template;
    }

    @Override
    public void applied(List<Change> changes, BatchStatements statements) {
        Change first = changes.get(0);
        String id = first.event().disputeId().value();
        // A stream's first event has no interval before it to close (the close takes only lower versions).
        if (first.sequence() > 0) {
            Map<String, Object> close = new HashMap<>();
            close.put("valid_to", first.timestamp().atOffset(ZoneOffset.UTC));
            close.put("dispute_id", id);
            close.put("version", first.sequence());
            statements.add(CLOSE, close);
        }
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            Instant to = i + 1 < changes.size() ? changes.get(i + 1).timestamp() : null;
            if (to != null && !to.isAfter(c.timestamp())) {
                continue;
            }
            Map<String, Object> interval = DisputeReadModel.caseloadColumns(c.after());
            interval.put("dispute_id", id);
            interval.put("version", c.sequence());
            interval.put("valid_from", c.timestamp().atOffset(ZoneOffset.UTC));
            interval.put("valid_to", to == null ? null : to.atOffset(ZoneOffset.UTC));
            statements.add(INSERT, interval);
        }
    }

    @Override
    public void cleared() {
        template.execute("TRUNCATE dispute_interval");
    }

    @Override
    public List<String> tables() {
        return List.of("dispute_interval");
    }
}
