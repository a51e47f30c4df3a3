package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import uk.iro.disputes.query.support.QueryServiceTest;

/**
 * A replay's rows in COPY's binary format ({@link CopyBinary}) are byte for byte what PostgreSQL itself writes for
 * the same rows, and load as the same values; a table with a column of a type it does not write is copied as text.
 * {@link BatchStatementsTest} checks that copied rows come out as the JSON path writes them.
 */
class CopyBinaryTest extends QueryServiceTest {
    private static final String COLUMNS = "(id text, n int, small smallint, big bigint, yes boolean, name varchar(40),"
            + " on_date date, at timestamptz, tags text[], names varchar(20)[])";
    private static final List<String> NAMES = List.of("id", "n", "small", "big", "yes", "name", "on_date", "at",
            "tags", "names");

    @Autowired
    JdbcTemplate template;
    @Autowired
    TransactionTemplate transactions;

    enum Colour { AMBER }

    private static List<Map<String, ?>> rows() {
        List<Map<String, ?>> rows = new ArrayList<>();
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("id", "a nulls");
        rows.add(nulls);
        rows.add(Map.of("id", "b awkward \t\n\\ \"q\" £ ☃", "n", Integer.MIN_VALUE, "small", (short) -7,
                "big", Long.MAX_VALUE, "yes", true, "name", Colour.AMBER, "on_date", LocalDate.of(1999, 12, 31),
                "at", OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_600, ZoneOffset.ofHours(-5)),
                "tags", BatchStatements.textArray(List.of("a,b", "c\"d", "e\\f", "{g}", "NULL", " h ", "")),
                "names", List.of()));
        rows.add(Map.of("id", "c", "n", 42, "small", 7, "big", -1L, "yes", false, "name", "",
                "on_date", LocalDate.of(1, 1, 1), "at", Instant.parse("2026-11-30T08:29:56.306871499Z"),
                "tags", List.of(), "names", Arrays.asList("x", null, "y")));
        rows.add(Map.of("id", "d", "n", 0, "on_date", LocalDate.of(9999, 12, 31),
                "at", OffsetDateTime.of(2024, 2, 29, 23, 59, 59, 1_600, ZoneOffset.ofHoursMinutes(5, 30)),
                "tags", List.of("one")));
        rows.add(Map.of("id", "e", "at", Instant.parse("1970-01-01T00:00:00.0000024Z"), "on_date",
                LocalDate.of(2000, 1, 1)));
        return rows;
    }

    @Test
    void theRowsAreWhatPostgresqlWritesForThem() {
        transactions.executeWithoutResult(tx -> {
            template.execute("CREATE TEMP TABLE copy_probe " + COLUMNS + " ON COMMIT DROP");
            BatchStatements copying = BatchStatements.copyingInserts(template, List.of());
            String insert = "INSERT INTO copy_probe (" + String.join(", ", NAMES) + ") SELECT 1 FROM"
                    + " jsonb_populate_recordset(NULL::copy_probe, :rows)";
            rows().forEach(r -> copying.add(insert, r));
            copying.execute();

            int[] types = template.query("SELECT atttypid::int FROM pg_attribute WHERE attrelid = 'copy_probe'::regclass"
                    + " AND attnum > 0 ORDER BY attnum", (rs, n) -> rs.getInt(1)).stream().mapToInt(i -> i).toArray();
            assertThat(CopyBinary.writes(types)).as("every column's type is written in binary").isTrue();
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            try {
                CopyBinary.copy(insert, NAMES, types, rows(), 64, (data, offset, length) -> ours.write(data, offset,
                        length));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            byte[] theirs = template.execute((ConnectionCallback<byte[]>) c -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT * FROM copy_probe ORDER BY id)"
                            + " TO STDOUT (FORMAT binary)", out);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                return out.toByteArray();
            });
            assertThat(ours.toByteArray()).isEqualTo(theirs);

            // Each time as PostgreSQL reads the same time's text, rounded to the microsecond.
            for (Map<String, ?> row : rows()) {
                if (row.get("at") != null) {
                    assertThat(template.queryForObject("SELECT at = CAST(? AS timestamptz) FROM copy_probe WHERE id = ?",
                            Boolean.class, row.get("at").toString(), row.get("id"))).as(row.get("at").toString()).isTrue();
                }
            }
            assertThat(template.queryForObject("SELECT (at AT TIME ZONE 'UTC')::text FROM copy_probe WHERE id LIKE 'b%'",
                    String.class)).isEqualTo("2000-01-01 05:00:00");
            tx.setRollbackOnly();
        });
    }

    @Test
    void aTableWithAColumnOfAnotherTypeIsCopiedAsText() {
        transactions.executeWithoutResult(tx -> {
            template.execute("CREATE TEMP TABLE copy_probe (id text, amount numeric) ON COMMIT DROP");
            BatchStatements copying = BatchStatements.copyingInserts(template, List.of());
            copying.add("INSERT INTO copy_probe (id, amount) SELECT 1 FROM jsonb_populate_recordset(NULL::copy_probe,"
                    + " :rows)", Map.of("id", "x", "amount", 12));
            copying.execute();
            assertThat(template.queryForObject("SELECT amount::text FROM copy_probe", String.class)).isEqualTo("12");
            tx.setRollbackOnly();
        });
    }

    @Test
    void aValueThatIsNotItsColumnsTypeIsRefused() {
        int[] types = {CopyBinary.TEXT, CopyBinary.INT4};
        List<String> names = List.of("id", "n");
        assertThatThrownBy(() -> CopyBinary.copy("INSERT probe", names, types, List.of(Map.of("id", "x", "n", "7")),
                64, (d, o, l) -> { })).isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("'n'");
        assertThatThrownBy(() -> CopyBinary.copy("INSERT probe", names, types, List.of(Map.of("id", "x", "n",
                1L << 40)), 64, (d, o, l) -> { })).isInstanceOf(InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("range");
    }
}
