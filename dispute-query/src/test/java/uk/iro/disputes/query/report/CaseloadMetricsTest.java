package uk.iro.disputes.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;

/** The caseload gauges count what the read model holds: open disputes by stage, and the overdue among them. */
class CaseloadMetricsTest extends QueryServiceTest {
    @Autowired
    CaseloadMetrics metrics;
    @Autowired
    MeterRegistry registry;

    private double gauge(String name, String stage) {
        Gauge gauge = registry.find(name).tags("policy", "birmingham", "stage", stage).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private static final Instant TENTH = Instant.parse("2026-03-10T12:00:00Z");
    private static final Instant SEVENTEENTH = Instant.parse("2026-03-17T12:00:00Z");

    private double at(Instant when, String name, String stage) {
        clock.set(when);
        metrics.refresh();
        return gauge(name, stage);
    }

    @Test
    void anOpenDisputeCountsAtItsStageAndAsOverdueOnceItsDueDateHasPassed() {
        double openBefore = at(TENTH, "iro.disputes.open", "stage-1");
        double overdueOnTheTenthBefore = at(TENTH, "iro.disputes.overdue", "stage-1");
        double overdueOnTheSeventeenthBefore = at(SEVENTEENTH, "iro.disputes.overdue", "stage-1");

        // Birmingham's stage 1, opened on Monday 2 March, is due on Monday 16 March (10 working days).
        Ladder open = ladder("birmingham").on(LocalDate.of(2026, 3, 2)).raise(Track.FORMAL);
        Ladder withdrawn = ladder("birmingham").on(LocalDate.of(2026, 3, 2)).raise(Track.FORMAL).withdraw();
        awaitProjected(open);
        awaitProjected(withdrawn);

        assertThat(at(TENTH, "iro.disputes.open", "stage-1")).isEqualTo(openBefore + 1);
        assertThat(at(TENTH, "iro.disputes.overdue", "stage-1")).isEqualTo(overdueOnTheTenthBefore);
        assertThat(at(SEVENTEENTH, "iro.disputes.overdue", "stage-1")).isEqualTo(overdueOnTheSeventeenthBefore + 1);
    }
}
