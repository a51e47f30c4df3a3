package uk.iro.disputes.query.report;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uk.iro.disputes.kernel.calendar.BusinessDate;

/**
 * The caseload as gauges, for the operations dashboard: {@code iro_disputes_open{policy,stage}} (open disputes by the
 * stage they wait at; {@code none} between stages) and {@code iro_disputes_overdue{policy,stage}} (open disputes whose
 * current stage's due date has passed unanswered, Europe/London). Counted from the read model every
 * {@code iro.query.caseload-metrics-interval}, so a scrape never queries the database; tags carry no personal data.
 */
@Component
public class CaseloadMetrics {
    private static final Logger log = LoggerFactory.getLogger(CaseloadMetrics.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MultiGauge open;
    private final MultiGauge overdue;

    public CaseloadMetrics(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.open = MultiGauge.builder("iro.disputes.open")
                .description("Open disputes by policy and the stage they wait at").register(registry);
        this.overdue = MultiGauge.builder("iro.disputes.overdue")
                .description("Open disputes whose current stage is past its due date with no response")
                .register(registry);
    }

    private record Count(String policy, String stage, long open, long overdue) {
    }

    @Scheduled(fixedDelayString = "${iro.query.caseload-metrics-interval:30s}", initialDelay = 0)
    public void refresh() {
        try {
            List<Count> counts = jdbc.sql("""
                    SELECT policy_id, coalesce(current_stage, 'none') AS stage, count(*) AS open,
                           count(*) FILTER (WHERE NOT current_answered AND current_due_date < :today) AS overdue
                    FROM dispute WHERE status = 'OPEN'
                    GROUP BY policy_id, coalesce(current_stage, 'none')""")
                    .param("today", BusinessDate.today(clock))
                    .query((rs, row) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                    .list();
            open.register(counts.stream().map(c -> MultiGauge.Row.of(tags(c), c.open())).toList(), true);
            overdue.register(counts.stream().map(c -> MultiGauge.Row.of(tags(c), c.overdue())).toList(), true);
        } catch (RuntimeException e) {
            log.warn("caseload gauges not refreshed; trying again later: {}", e.toString());
        }
    }

    private static Tags tags(Count count) {
        return Tags.of("policy", count.policy(), "stage", count.stage());
    }
}
