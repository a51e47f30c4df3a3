package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import uk.iro.disputes.query.support.QueryServiceTest;

/**
 * The projection's batched writes: every statement over all its rows, as a JSON array, in the order the statements
 * were first added, all in one round trip.
 */
class BatchStatementsTest extends QueryServiceTest {
    static final String INSERT = "INSERT INTO batch_probe SELECT * FROM jsonb_populate_recordset(NULL::batch_probe,"
            + " :rows)";

    @Autowired
    JdbcTemplate template;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void rowsGoAsJsonWithNullsArraysTimesAndJsonInOneRoundTripInOrder() {
        transactions.executeWithoutResult(tx -> {
            template.execute("CREATE TEMP TABLE batch_probe (id text, n int, big bigint, yes boolean, on_date date,"
                    + " at timestamptz, tags text[], doc jsonb) ON COMMIT DROP");
            BatchStatements statements = new BatchStatements(template, List.of());
            Map<String, Object> withNulls = new HashMap<>();
            withNulls.put("id", "b \"quoted\"\n");
            withNulls.put("n", null);
            withNulls.put("tags", BatchStatements.textArray(List.of()));
            statements.add(INSERT, Map.of("id", "a", "n", 3, "big", 1L << 40, "yes", true,
                    "on_date", LocalDate.of(2026, 11, 30),
                    "at", OffsetDateTime.of(2026, 11, 30, 8, 29, 0, 123_456_000, ZoneOffset.UTC),
                    "tags", BatchStatements.textArray(List.of("X", "Y")),
                    "doc", BatchStatements.json("{\"k\": [1, \"two\"]}")));
            statements.add(INSERT, withNulls);
            // Runs after the insert, whose rows it sees: the order the statements were first added.
            statements.add("UPDATE batch_probe p SET id = p.id || '!' FROM jsonb_to_recordset(:rows) AS r(id text)"
                    + " WHERE p.id = r.id", Map.of("id", "a"));
            statements.add(INSERT, Map.of("id", "c", "at", Instant.parse("2026-11-30T08:29:56.306871Z")));
            assertThat(statements.size()).isEqualTo(4);

            long roundTrips;
            try (ProjectionRoundTripsTest.RoundTrips trips = ProjectionRoundTripsTest.RoundTrips.count()) {
                statements.execute();
                roundTrips = trips.onThisThread();
            }

            assertThat(roundTrips).as("round trips for two statements and four rows").isEqualTo(1);
            assertThat(statements.size()).isZero();
            assertThat(template.queryForList("SELECT id, n, big, yes, on_date::text AS d, at, array_to_string(tags, ',')"
                    + " AS t, doc->>'k' AS k FROM batch_probe ORDER BY id").toString())
                    .isEqualTo("[{id=a!, n=3, big=1099511627776, yes=true, d=2026-11-30,"
                            + " at=" + java.sql.Timestamp.from(Instant.parse("2026-11-30T08:29:00.123456Z"))
                            + ", t=X,Y, k=[1, \"two\"]},"
                            + " {id=b \"quoted\"\n, n=null, big=null, yes=null, d=null, at=null, t=, k=null},"
                            + " {id=c, n=null, big=null, yes=null, d=null, at="
                            + java.sql.Timestamp.from(Instant.parse("2026-11-30T08:29:56.306871Z"))
                            + ", t=null, k=null}]");
            tx.setRollbackOnly();
        });
    }

    /**
     * A replay's writes ({@link BatchStatements#copyingInserts}): the inserts' rows are loaded with COPY and come out
     * as the JSON path writes them, awkward characters and all; a column no row gives takes its default; the
     * statements that are not inserts run first.
     */
    @Test
    void copiedRowsComeOutAsTheJsonPathWritesThem() {
        transactions.executeWithoutResult(tx -> {
            String columns = "(id text, n int, big bigint, yes boolean, on_date date, at timestamptz, tags text[],"
                    + " doc jsonb, stamped timestamptz DEFAULT '2026-01-01T00:00:00Z')";
            template.execute("CREATE TEMP TABLE by_json " + columns + " ON COMMIT DROP");
            template.execute("CREATE TEMP TABLE by_copy " + columns + " ON COMMIT DROP");
            template.execute("INSERT INTO by_copy (id) VALUES ('gone')");
            Map<String, Object> awkward = new HashMap<>();
            awkward.put("id", "tab\there, new\nline, back\\slash \\N, \"quoted\", \r, £ and ☃");
            awkward.put("n", null);
            awkward.put("tags", BatchStatements.textArray(List.of("a,b", "c\"d", "e\\f", "{g}", "NULL", " h ", "")));
            awkward.put("doc", BatchStatements.json("{\"k\": \"a\\\\b\\\"c\\nd\", \"t\": \"\\t\"}"));
            List<Map<String, ?>> rows = List.of(awkward,
                    Map.of("id", "plain", "n", -3, "big", 1L << 40, "yes", false, "on_date", LocalDate.of(2026, 11, 30),
                            "at", OffsetDateTime.of(2026, 11, 30, 8, 29, 0, 123_456_000, ZoneOffset.ofHours(1)),
                            "tags", BatchStatements.textArray(List.of()), "doc", BatchStatements.json("[]")),
                    Map.of("id", "instant", "yes", true, "at", Instant.parse("2026-11-30T08:29:56.306871Z")),
                    // Dates and times are written by hand for the copy: whole minutes, a nanosecond, offsets, years.
                    Map.of("id", "times-1", "on_date", LocalDate.of(1, 1, 1),
                            "at", OffsetDateTime.of(2026, 3, 29, 1, 0, 0, 0, ZoneOffset.UTC)),
                    Map.of("id", "times-2", "on_date", LocalDate.of(9999, 12, 31),
                            "at", OffsetDateTime.of(2024, 2, 29, 23, 59, 59, 1, ZoneOffset.ofHoursMinutes(-5, -30))),
                    Map.of("id", "times-3", "on_date", LocalDate.of(2026, 1, 9),
                            "at", OffsetDateTime.of(2026, 11, 30, 8, 29, 56, 306_871_999, ZoneOffset.UTC)));
            String insert = "INSERT INTO %s (id, n, big, yes, on_date, at, tags, doc, stamped)\n"
                    + "SELECT id, n, big, yes, on_date, at, tags, doc, '2026-01-01T00:00:00Z'"
                    + " FROM jsonb_populate_recordset(NULL::%s, :rows)";
            BatchStatements json = new BatchStatements(template, List.of());
            rows.forEach(r -> json.add(insert.formatted("by_json", "by_json"), r));
            json.execute();
            BatchStatements copying = BatchStatements.copyingInserts(template, List.of());
            rows.forEach(r -> copying.add(insert.formatted("by_copy", "by_copy"), r));
            // Added after the insert, sent before it: it deletes the row that was there, not one the copy loads.
            String delete = "DELETE FROM by_copy WHERE id IN (SELECT id FROM jsonb_to_recordset(:rows) AS r(id text))";
            copying.add(delete, Map.of("id", "gone"));
            copying.add(delete, Map.of("id", "plain"));

            copying.execute();

            String select = "SELECT to_jsonb(t)::text FROM %s t ORDER BY id";
            List<String> copied = template.queryForList(select.formatted("by_copy"), String.class);
            assertThat(copied).hasSize(6).isEqualTo(template.queryForList(select.formatted("by_json"), String.class));
            assertThat(copied.get(2)).contains("£ and ☃").contains("\"{g}\"");
            tx.setRollbackOnly();
        });
    }

    /**
     * A replay's copy goes to PostgreSQL a piece at a time, never as one text: a chunk's text ran to megabytes, which
     * the collector keeps outside its young generation (issue 8). Every row arrives whole, whatever the pieces.
     */
    @Test
    void aLargeCopyIsSentInSmallPiecesThatMakeUpEveryRow() throws Exception {
        List<Map<String, ?>> rows = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            // Some rows far longer than a piece; multi-byte characters, so a piece's bytes outnumber its characters.
            String id = i % 6_000 == 7 ? "long £ ☃ " + "x".repeat(100_000) + i : "row £ ☃ " + i;
            rows.add(Map.of("id", id, "n", i));
            expected.append(id).append('\t').append(i).append('\n');
        }
        List<Integer> pieces = new ArrayList<>();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();

        BatchStatements.copyText("INSERT INTO probe (id, n)", List.of("id", "n"), rows, (data, offset, length) -> {
            pieces.add(length);
            sent.write(data, offset, length);
        });

        assertThat(sent.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        // Each piece ends with the row that took it past its size: at most that row longer than the piece.
        int piece = 3 * BatchStatements.COPY_PIECE;
        assertThat(pieces).hasSizeGreaterThan(15).allSatisfy(length -> assertThat(length).isLessThan(piece + 100_100));
        assertThat(pieces.stream().filter(length -> length > piece + 100)).hasSize(5);
    }

    @Test
    void aCopyOfManyPiecesLoadsEveryRow() {
        transactions.executeWithoutResult(tx -> {
            template.execute("CREATE TEMP TABLE batch_probe (id text PRIMARY KEY, n int) ON COMMIT DROP");
            BatchStatements copying = BatchStatements.copyingInserts(template, List.of());
            String insert = "INSERT INTO batch_probe (id, n) SELECT id, n FROM jsonb_populate_recordset("
                    + "NULL::batch_probe, :rows)";
            for (int i = 0; i < 20_000; i++) {
                copying.add(insert, Map.of("id", "dispute-" + i + (i % 5_000 == 3 ? "x".repeat(70_000) : ""), "n", i));
            }

            copying.execute();

            assertThat(template.queryForMap("SELECT count(*) AS rows, sum(n) AS total, max(length(id)) AS longest"
                    + " FROM batch_probe")).containsEntry("rows", 20_000L).containsEntry("total", 199_990_000L)
                    .containsEntry("longest", 70_013);
            tx.setRollbackOnly();
        });
    }

    @Test
    void aCopiedRowThatIsThereAlreadyFailsTheWrite() {
        transactions.executeWithoutResult(tx -> {
            template.execute("CREATE TEMP TABLE batch_probe (id text PRIMARY KEY, n int) ON COMMIT DROP");
            template.execute("INSERT INTO batch_probe VALUES ('a', 1)");
            BatchStatements copying = BatchStatements.copyingInserts(template, List.of());
            copying.add("INSERT INTO batch_probe (id, n) SELECT id, n FROM jsonb_populate_recordset(NULL::batch_probe,"
                    + " :rows) ON CONFLICT (id) DO UPDATE SET n = EXCLUDED.n", Map.of("id", "a", "n", 2));

            assertThatThrownBy(copying::execute).isInstanceOf(BatchStatements.WriteFailed.class)
                    .hasMessageContaining("duplicate key");
            tx.setRollbackOnly();
        });
    }

    /**
     * Planned with the tables as they are every time, never a cached generic plan (the driver server-prepares a
     * statement from its fifth use): one made while a rebuild's tables were empty would scan them whole afterwards.
     */
    @Test
    void theStatementsAreNeverCachedPreparedStatements() {
        long prepared = transactions.execute(tx -> {
            template.execute("CREATE TEMP TABLE batch_probe (id text, n int) ON COMMIT DROP");
            BatchStatements statements = new BatchStatements(template, List.of(INSERT));
            for (int i = 0; i < 10; i++) {
                statements.add(INSERT, Map.of("id", "x" + i, "n", i));
                statements.execute();
            }
            assertThat(template.queryForObject("SELECT count(*) FROM batch_probe", Long.class)).isEqualTo(10);
            // The same connection: the transaction's.
            return template.queryForObject("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE"
                    + " '%batch_probe%'", Long.class);
        });
        assertThat(prepared).isZero();
    }

    @Test
    void aStatementMustReadItsRowsFromOneRowsParameter() {
        BatchStatements statements = new BatchStatements(template, List.of());

        assertThatThrownBy(() -> statements.add("INSERT INTO t VALUES (:id)", Map.of("id", 1)))
                .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining(":rows");
        assertThatThrownBy(() -> new BatchStatements(template, List.of("SELECT :rows, :rows")))
                .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("exactly one");
    }

    @Test
    void aValueThatCannotBeSentIsNamed() {
        BatchStatements statements = new BatchStatements(template, List.of());
        statements.add("SELECT count(*) FROM jsonb_array_elements(:rows)", Map.of("odd", new Object()));

        assertThatThrownBy(statements::execute).isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("'odd'");
    }

    @Test
    void aFailureSaysWhatPostgresqlSaidNotTheWholeText() {
        transactions.executeWithoutResult(tx -> {
            BatchStatements statements = new BatchStatements(template, List.of());
            statements.add("SELECT CAST(n AS integer) FROM jsonb_to_recordset(:rows) AS r(n text)",
                    Map.of("n", "not a number"));

            assertThatThrownBy(statements::execute).isInstanceOf(BatchStatements.WriteFailed.class)
                    .hasMessageStartingWith("the read-model writes failed: ERROR: invalid input syntax")
                    .hasMessageContaining("\"not a number\"");
            tx.setRollbackOnly();
        });
    }
}
