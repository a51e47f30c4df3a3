package uk.iro.disputes.query.projection;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A rebuild's read models fill without their secondary indexes, which are built once at the end. Kept up to date
 * row by row, the dispute table's eleven indexes (one of them GIN) made each dispute row cost about ten times a row
 * of the event store (issue 8); built once over the finished tables they take a few seconds.
 *
 * <p>{@link #defer} runs in the rebuild's reset, the transaction that empties the read models and resets the tokens:
 * it records each secondary index's definition in {@code deferred_index} and drops it, so a crash leaves either the
 * old read models with their indexes or the emptied ones with the definitions recorded. Every instance looks each
 * {@code iro.query.projection.deferred-index-check}; once no segment of the projection is replaying (judged from the
 * token table, so it covers every instance's segments), one of them builds the indexes again and deletes the rows,
 * in one transaction, and analyses their tables there, so that the planner's statistics describe the refilled
 * tables at once. Queries answer meanwhile, from the refilling read models, more slowly. Primary keys and unique
 * indexes stay: the projection's upserts need them.
 */
@Component
public class DeferredIndexes {
    private static final Logger log = LoggerFactory.getLogger(DeferredIndexes.class);
    /** Held while indexes are built, so that only one instance builds them. */
    private static final long BUILD_LOCK = 0x1d5e_f0dd_1d3eL;
    private static final String SECONDARY = """
            SELECT i.relname AS index_name, t.relname AS table_name, pg_get_indexdef(x.indexrelid) AS definition
            FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY(?)
                AND NOT x.indisunique AND NOT x.indisprimary
                AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            ORDER BY i.relname""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Supplier<List<ProjectionStatus.Segment>> segments;

    @Autowired
    public DeferredIndexes(JdbcTemplate jdbc, TransactionTemplate transactions, ProjectionStatus status) {
        this(jdbc, transactions, status::segments);
    }

    DeferredIndexes(JdbcTemplate jdbc, TransactionTemplate transactions,
            Supplier<List<ProjectionStatus.Segment>> segments) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.segments = segments;
    }

    /**
     * In the caller's transaction: records and drops the secondary indexes of these tables (of the current schema).
     * Indexes already deferred by an earlier rebuild whose replay has not ended are no longer there, and stay
     * recorded. Answers how many were dropped now.
     */
    public int defer(Collection<String> tables) {
        List<Index> found = jdbc.query(connection -> {
            var statement = connection.prepareStatement(SECONDARY);
            statement.setArray(1, connection.createArrayOf("text", tables.toArray()));
            return statement;
        }, (rs, i) -> new Index(rs.getString("index_name"), rs.getString("table_name"), rs.getString("definition")));
        for (Index index : found) {
            jdbc.update("INSERT INTO deferred_index (index_name, table_name, definition) VALUES (?, ?, ?)"
                    + " ON CONFLICT (index_name) DO UPDATE SET definition = EXCLUDED.definition",
                    index.name(), index.table(), index.definition());
            jdbc.execute("DROP INDEX " + quoted(index.name()));
        }
        if (!found.isEmpty()) {
            log.info("rebuild: {} secondary indexes of the read models dropped, to be built once the replay is over",
                    found.size());
        }
        return found.size();
    }

    /** How many indexes wait to be built. */
    public long pending() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM deferred_index", Long.class);
        return count == null ? 0 : count;
    }

    @Scheduled(fixedDelayString = "${iro.query.projection.deferred-index-check:1s}")
    public void buildWhenReplayed() {
        try {
            if (pending() > 0 && replayOver(segments.get())) {
                build();
            }
        } catch (RuntimeException e) {
            log.warn("building the deferred indexes failed; tried again later", e);
        }
    }

    /**
     * Builds every deferred index and forgets it, in one transaction; none if another instance is building them.
     * Answers how many this call built.
     */
    int build() {
        Integer built = transactions.execute(tx -> {
            Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, BUILD_LOCK);
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            long started = System.nanoTime();
            List<Index> deferred = jdbc.query("SELECT index_name, table_name, definition FROM deferred_index"
                    + " ORDER BY table_name, index_name", (rs, i) -> new Index(rs.getString(1), rs.getString(2),
                    rs.getString(3)));
            Set<String> tables = new TreeSet<>();
            for (Index index : deferred) {
                jdbc.execute(ifNotExists(index.definition()));
                jdbc.update("DELETE FROM deferred_index WHERE index_name = ?", index.name());
                tables.add(index.table());
            }
            // The refilled tables' planner statistics are those of the emptied ones (or none): refresh them now,
            // rather than leave the queries planned from stale estimates until autovacuum comes (never, where it
            // is off).
            for (String table : tables) {
                jdbc.execute("ANALYZE " + quoted(table));
            }
            if (!deferred.isEmpty()) {
                log.info("rebuild: {} secondary indexes of the read models built, and {} tables analysed, in {} ms",
                        deferred.size(), tables.size(), (System.nanoTime() - started) / 1_000_000);
            }
            return deferred.size();
        });
        return built == null ? 0 : built;
    }

    /**
     * True once the projection has segments and none is replaying. A segment whose token is a replay token but that
     * has reached the reset position is not replaying any more: it has seen every event the rebuild was asked for.
     */
    static boolean replayOver(List<ProjectionStatus.Segment> segments) {
        return !segments.isEmpty() && segments.stream().noneMatch(ProjectionStatus.Segment::replaying);
    }

    /** The definition as {@code pg_get_indexdef} gives it, made to do nothing if the index exists already. */
    static String ifNotExists(String definition) {
        return definition.replaceFirst("^CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ");
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private record Index(String name, String table, String definition) {
    }
}
