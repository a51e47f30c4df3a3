package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import uk.iro.disputes.query.support.QueryServiceTest;

/**
 * A rebuild drops the read models' secondary indexes with the read models' rows and builds them again once the
 * replay is over, from definitions kept in the database (issue 8). The whole rebuild, through the admin endpoint, is
 * in {@link ProjectionAdminTest}.
 */
class DeferredIndexesTest extends QueryServiceTest {
    @Autowired
    DeferredIndexes indexes;
    @Autowired
    DisputeReadModel readModel;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void droppedIndexesAreRecordedAndBuiltAgainOnceNothingReplays() {
        Map<String, String> before = secondaryIndexes();
        assertThat(before).containsKeys("dispute_status", "dispute_categories", "dispute_participant_staff",
                "dispute_interval_from", "dispute_interval_open", "dispute_fact_kind_date");

        transactions.executeWithoutResult(tx -> {
            assertThat(indexes.defer(readModel.tables())).isEqualTo(before.size());
            assertThat(secondaryIndexes()).isEmpty();
            assertThat(recorded()).isEqualTo(before);
            // A second rebuild before the first one's replay is over finds nothing more to drop and forgets nothing.
            assertThat(indexes.defer(readModel.tables())).isZero();
            assertThat(recorded()).isEqualTo(before);
        });

        // As after a crash or a restart: only the recorded definitions are left, and nothing replays.
        awaitFor("the deferred indexes to be built", 30, () -> indexes.pending() == 0);
        assertThat(secondaryIndexes()).isEqualTo(before);
        assertThat(recorded()).isEmpty();
    }

    @Test
    void theTablesWhoseIndexesWereBuiltAreAnalysedWithThem() {
        OffsetDateTime before = jdbc.sql("SELECT clock_timestamp()").query(OffsetDateTime.class)
                .single();
        transactions.executeWithoutResult(tx -> indexes.defer(List.of("dispute", "dispute_interval")));

        awaitFor("the deferred indexes to be built", 30, () -> indexes.pending() == 0);
        // A rebuild refills these tables: their statistics are refreshed in the transaction that builds the indexes.
        for (String table : List.of("dispute", "dispute_interval")) {
            assertThat(jdbc.sql("SELECT pg_stat_get_last_analyze_time(('disputes_query.' || :table)::regclass)")
                    .param("table", table).query(OffsetDateTime.class).optional())
                    .as("last ANALYZE of %s", table).hasValueSatisfying(at -> assertThat(at).isAfter(before));
        }
    }

    @Test
    void primaryKeysAndUniqueIndexesStay() {
        transactions.executeWithoutResult(tx -> {
            indexes.defer(readModel.tables());
            assertThat(jdbc.sql("SELECT indexname FROM pg_indexes WHERE schemaname = 'disputes_query'"
                            + " AND tablename IN ('dispute', 'dispute_interval', 'dispute_participant')")
                    .query(String.class).list())
                    .contains("dispute_pkey", "dispute_interval_pkey")
                    .noneMatch(name -> name.equals("dispute_status") || name.equals("dispute_interval_from"));
            tx.setRollbackOnly();
        });
        assertThat(indexes.pending()).isZero();
        assertThat(secondaryIndexes()).containsKeys("dispute_status", "dispute_interval_from");
    }

    @Test
    void theReplayIsOverOnlyWhenNoSegmentReplays() {
        ProjectionStatus.Segment replaying = new ProjectionStatus.Segment(0, 10, 10, true, 100L, "a");
        ProjectionStatus.Segment done = new ProjectionStatus.Segment(1, 100, 100, false, null, "b");

        assertThat(DeferredIndexes.replayOver(List.of())).isFalse();
        assertThat(DeferredIndexes.replayOver(List.of(replaying, done))).isFalse();
        assertThat(DeferredIndexes.replayOver(List.of(done))).isTrue();
    }

    @Test
    void aDefinitionIsBuiltOnlyIfTheIndexIsMissing() {
        assertThat(DeferredIndexes.ifNotExists(
                "CREATE INDEX dispute_status ON disputes_query.dispute USING btree (status)"))
                .isEqualTo("CREATE INDEX IF NOT EXISTS dispute_status ON disputes_query.dispute USING btree (status)");
    }

    /** The non-unique indexes of the read models' tables, by name, as {@code pg_indexes} defines them. */
    private Map<String, String> secondaryIndexes() {
        Map<String, String> all = new TreeMap<>();
        jdbc.sql("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'disputes_query'"
                        + " AND tablename IN (:tables) AND indexdef NOT LIKE 'CREATE UNIQUE INDEX%'")
                .param("tables", readModel.tables())
                .query((rs, i) -> all.put(rs.getString(1), rs.getString(2))).list();
        return all;
    }

    private Map<String, String> recorded() {
        Map<String, String> all = new TreeMap<>();
        jdbc.sql("SELECT index_name, definition FROM disputes_query.deferred_index")
                .query((rs, i) -> all.put(rs.getString(1), rs.getString(2))).list();
        return all;
    }
}
