package uk.iro.disputes.query.goodpractice;

import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeAcknowledged;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeEvent;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeRecorded;
import uk.iro.disputes.query.projection.DisputeProjection;

/**
 * Projects good-practice alerts into their own table, in the dispute projection's processor (so in the same
 * transactions, with the same token and dead-letter queue) but never into the dispute tables: an alert is not a
 * dispute. Idempotent: an event at or below the row's version changes nothing.
 */
@Component
@ProcessingGroup(DisputeProjection.PROCESSOR)
public class GoodPracticeProjection {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public GoodPracticeProjection(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    @EventHandler
    void on(GoodPracticeEvent event, @SequenceNumber Long sequence, @Timestamp Instant timestamp) {
        apply(event, sequence, timestamp);
    }

    /** Projects one event of an alert's stream; does nothing if the row already includes it. */
    public void apply(GoodPracticeEvent event, long sequence, Instant timestamp) {
        var at = timestamp.atOffset(ZoneOffset.UTC);
        if (event instanceof GoodPracticeRecorded e) {
            jdbc.sql("""
                    INSERT INTO good_practice (alert_id, version, child_case_id, responsible_team, related_dispute_id,
                        manager_staff_id, manager_role, description, recorded_by_staff_id, recorded_by_role,
                        recorded_on, last_event_at)
                    VALUES (:id, :version, :child, :team, :related, :manager, :managerRole, :description, :by, :byRole,
                        :on, :at)
                    ON CONFLICT (alert_id) DO NOTHING""")
                    .param("id", e.alertId().value()).param("version", sequence).param("child", e.child().caseId())
                    .param("team", e.responsibleTeam())
                    .param("related", e.relatedDispute() == null ? null : e.relatedDispute().value())
                    .param("manager", e.manager() == null ? null : e.manager().staffId())
                    .param("managerRole", e.manager() == null ? null : e.manager().role().name())
                    .param("description", e.description())
                    .param("by", e.recordedBy().staffId()).param("byRole", e.recordedBy().role().name())
                    .param("on", e.recordedOn()).param("at", at)
                    .update();
        } else if (event instanceof GoodPracticeAcknowledged e) {
            jdbc.sql("""
                    UPDATE good_practice SET version = :version, acknowledged_by_staff_id = :by,
                        acknowledged_by_role = :byRole, acknowledged_on = :on, last_event_at = :at
                    WHERE alert_id = :id AND version < :version""")
                    .param("id", e.alertId().value()).param("version", sequence)
                    .param("by", e.acknowledgedBy().staffId()).param("byRole", e.acknowledgedBy().role().name())
                    .param("on", e.acknowledgedOn()).param("at", at)
                    .update();
        }
    }

    /** A rebuild starts from an empty table; runs in the transaction that resets the tokens. */
    @ResetHandler
    void reset() {
        template.execute("TRUNCATE good_practice");
    }
}
