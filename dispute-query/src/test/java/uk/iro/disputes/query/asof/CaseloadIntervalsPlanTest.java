package uk.iro.disputes.query.asof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import uk.iro.disputes.query.support.QueryServiceTest;

/**
 * Closing a batch's open intervals looks them up by the disputes' ids as an array, the condition of its index
 * scan. Joined to the batch's rows instead (a set the planner takes for 100 rows), the statement was planned in a
 * benchmark run, whose server has autovacuum off and so stale statistics, as a hash of every open interval on every
 * batch, and the projection's lag under load doubled (issue 8). The plan of the join depends on the statistics; the
 * array's index condition does not.
 */
class CaseloadIntervalsPlanTest extends QueryServiceTest {
    private static final String INTERVALS = """
            INSERT INTO disputes_query.dispute_interval (dispute_id, version, valid_from, policy_id, policy_version,
                child_case_id, iro_staff_id, track, categories, status, raised_on, current_answered,
                legal_advice_requested, valid_to)
            SELECT 'plan-probe-' || g, 0, now(), 'p', 1, 'c', 'i', 'FORMAL', '{}', 'OPEN', current_date, false, false,""";

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aBatchClosesItsOpenIntervalsThroughTheIndexOfOpenIntervals() {
        List<String> plan = transactions.execute(tx -> {
            jdbc.sql(INTERVALS + " NULL FROM generate_series(1, 5000) g").update();
            String rows = "'[{\"dispute_id\": \"plan-probe-7\", \"version\": 1, \"valid_to\": \"2026-11-30T10:00:00Z\"},"
                    + " {\"dispute_id\": \"plan-probe-9\", \"version\": 1, \"valid_to\": \"2026-11-30T10:00:00Z\"}]'";
            List<String> lines = jdbc.sql("EXPLAIN " + CaseloadIntervals.CLOSE.replace(":rows", rows + "::jsonb"))
                    .query(String.class).list();
            tx.setRollbackOnly();
            return lines;
        });

        String text = String.join("\n", plan);
        assertThat(text).as(text).containsPattern("Index Cond: \\(\\(dispute_id\\)::text = ANY")
                .doesNotContain("Seq Scan on dispute_interval");
    }
}
