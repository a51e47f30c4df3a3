package uk.iro.disputes.query.projection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PGobject;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Read-model writes gathered for one go, sent to PostgreSQL in <em>one round trip</em>, however many statements and
 * rows: each statement runs once, over all the rows added for it, which it reads from its one parameter,
 * {@code :rows}, a JSON array of those rows (typically {@code jsonb_populate_recordset(NULL::table, :rows)}, whose
 * keys are the table's column names). The statements are sent together as one multi-statement query, in the order
 * they were first added (the projection declares its own up front, so that, whatever mix of disputes a batch holds,
 * deletes run before the inserts they make room for and the dispute row before the child rows that reference it);
 * a listener's statements come after the projection's, in the order it first adds them. Each statement sees what
 * the ones before it wrote, but the rows of one statement do not see one another: a statement must not be given two
 * rows that update the same row.
 *
 * <p>Why (issue 8): under load each round trip of a projection batch waits behind the command service's work for one
 * of the machine's cores, so a batch took about a dozen waits (one JDBC batch per statement) and the projection's lag
 * grew with them. A row's values go as JSON: text, numbers, booleans, dates and times (ISO-8601), collections (as JSON
 * arrays, which PostgreSQL turns into arrays) and {@link #json} (embedded as it is).
 *
 * <p>{@link #copyingInserts} makes a variant for a rebuild's replay into emptied tables ({@link BulkRebuild}).
 */
public final class BatchStatements {
    private static final Pattern ROWS = Pattern.compile("(?<!:):rows\\b");
    /** An insert's table and column list, as the projection's inserts begin. */
    private static final Pattern INSERT = Pattern.compile("^\\s*INSERT INTO (\\w+) \\(([^)]*)\\)");
    private static final JsonFactory JSON = new JsonFactory();
    /** Characters of COPY text sent at a time: well under the size the collector treats as a large object. */
    static final int COPY_PIECE = 32 * 1024;
    private final JdbcOperations jdbc;
    private final Map<String, List<Map<String, ?>>> statements = new LinkedHashMap<>();
    private final boolean copyInserts;
    /** Each copied table's column types by name (OIDs), looked up once: the columns do not change while it runs. */
    private final Map<String, Map<String, Integer>> columnTypes;

    BatchStatements(JdbcOperations jdbc, List<String> declared) {
        this(jdbc, declared, false, Map.of());
    }

    /**
     * For a replay into emptied tables, in which each dispute is written once: the statements that are not inserts
     * (updates and deletes of a dispute's rows, which find none there) are sent first, in one round trip, and then
     * each insert's rows are loaded with {@code COPY} into the columns its {@code INSERT INTO table (columns)}
     * names (those its rows give; a column none gives takes its default), in {@code COPY}'s binary format when
     * every one of those columns is of a type {@link CopyBinary} writes, else as text. {@code COPY} has no
     * {@code ON CONFLICT}: a row that is there already fails the write, which in a replay into emptied tables means
     * something is wrong.
     * Loading rows this way costs PostgreSQL a fraction of reading them from a JSON parameter (issue 8).
     */
    static BatchStatements copyingInserts(JdbcOperations jdbc, List<String> declared) {
        return copyingInserts(jdbc, declared, new ConcurrentHashMap<>());
    }

    /**
     * As {@link #copyingInserts(JdbcOperations, List)}, keeping the tables' column types in {@code columnTypes}
     * for the next batch: a replay writes about two thousand.
     */
    static BatchStatements copyingInserts(JdbcOperations jdbc, List<String> declared,
            Map<String, Map<String, Integer>> columnTypes) {
        return new BatchStatements(jdbc, declared, true, columnTypes);
    }

    private BatchStatements(JdbcOperations jdbc, List<String> declared, boolean copyInserts,
            Map<String, Map<String, Integer>> columnTypes) {
        this.jdbc = jdbc;
        this.copyInserts = copyInserts;
        this.columnTypes = columnTypes;
        declared.forEach(sql -> {
            checked(sql);
            statements.put(sql, new ArrayList<>());
        });
    }

    /**
     * Runs {@code sql} over this row too when the batch is written: the row is one element of the JSON array the
     * statement's {@code :rows} is bound to, with the map's keys as its fields. The map is kept as it is until then.
     */
    public void add(String sql, Map<String, ?> row) {
        statements.computeIfAbsent(sql, s -> {
            checked(s);
            return new ArrayList<>();
        }).add(row);
    }

    /** How many rows are waiting, over all statements. */
    public int size() {
        return statements.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Sends every statement that has rows, in order, in one round trip, and forgets the rows. Never kept as a
     * server-side prepared statement: each is planned with the tables as they are now (a plan cached while a rebuild's
     * tables were empty would scan them whole for the rest of the connection's life).
     */
    void execute() {
        List<String> texts = new ArrayList<>();
        List<String> arrays = new ArrayList<>();
        Map<String, List<Map<String, ?>>> copies = new LinkedHashMap<>();
        statements.forEach((sql, rows) -> {
            if (!rows.isEmpty()) {
                if (copyInserts && INSERT.matcher(sql).find()) {
                    copies.put(sql, List.copyOf(rows));
                } else {
                    texts.add(ROWS.matcher(sql).replaceFirst("?"));
                    arrays.add(array(sql, rows));
                }
                rows.clear();
            }
        });
        try {
            if (!texts.isEmpty()) {
                send(texts, arrays);
            }
            if (!copies.isEmpty()) {
                copy(copies);
            }
        } catch (DataAccessException e) {
            // Spring's message leads with the whole multi-statement text; what failed is what a dead letter must show.
            throw new WriteFailed("the read-model writes failed: " + e.getMostSpecificCause().getMessage(), e);
        }
    }

    private void copy(Map<String, List<Map<String, ?>>> copies) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            PGConnection pg = connection.unwrap(PGConnection.class);
            CopyManager copy = pg.getCopyAPI();
            boolean utf8 = "UTF8".equals(pg.getParameterStatus("server_encoding"));
            for (Map.Entry<String, List<Map<String, ?>>> insert : copies.entrySet()) {
                Matcher m = INSERT.matcher(insert.getKey());
                m.find();
                String table = m.group(1);
                List<Map<String, ?>> rows = insert.getValue();
                List<String> columns = Arrays.stream(m.group(2).split(",")).map(String::strip)
                        .filter(c -> rows.stream().anyMatch(r -> r.containsKey(c))).toList();
                Map<String, Integer> types = columnTypes.computeIfAbsent(table, t -> columnTypes(connection, t));
                int[] oids = columns.stream().mapToInt(c -> types.getOrDefault(c, 0)).toArray();
                boolean binary = utf8 && CopyBinary.writes(oids);
                CopyIn in = copy.copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN"
                        + (binary ? " (FORMAT binary)" : ""));
                try {
                    if (binary) {
                        CopyBinary.copy(insert.getKey(), columns, oids, rows, COPY_PIECE, in::writeToCopy);
                    } else {
                        copyText(insert.getKey(), columns, rows, in::writeToCopy);
                    }
                    in.endCopy();
                } finally {
                    if (in.isActive()) {
                        in.cancelCopy();
                    }
                }
            }
            return null;
        });
    }

    /** A table's columns' type OIDs by name, as the connection sees the table. */
    private static Map<String, Integer> columnTypes(Connection connection, String table) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT attname, atttypid::int FROM pg_attribute"
                + " WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped")) {
            statement.setString(1, table);
            Map<String, Integer> types = new HashMap<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    types.put(result.getString(1), result.getInt(2));
                }
            }
            return Map.copyOf(types);
        } catch (SQLException e) {
            throw new UncategorizedSQLException("the column types of " + table, null, e);
        }
    }

    /**
     * The rows in COPY's text format, a line each, the columns' values in order, tab-separated, sent to the copy a
     * piece at a time: made whole, a chunk's text (and its bytes) ran to megabytes, which the collector keeps outside
     * its young generation and collects only by marking the whole heap; in a rebuild that was about as much CPU as
     * the replay's own work (issue 8).
     */
    static void copyText(String sql, List<String> columns, List<Map<String, ?>> rows, CopySink in)
            throws SQLException {
        StringBuilder out = new StringBuilder(COPY_PIECE + 4096);
        for (Map<String, ?> row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    out.append('\t');
                }
                Object value = row.get(columns.get(i));
                if (value == null) {
                    out.append("\\N");
                } else {
                    copyValue(out, value, columns.get(i), sql);
                }
            }
            out.append('\n');
            if (out.length() >= COPY_PIECE) {
                send(out, in);
            }
        }
        send(out, in);
    }

    /** Where a copy's text goes, a piece at a time: {@link CopyIn#writeToCopy}. */
    @FunctionalInterface
    interface CopySink {
        void write(byte[] data, int offset, int length) throws SQLException;
    }

    /** What the builder holds, to the copy; the builder is emptied for the next piece. */
    private static void send(StringBuilder out, CopySink in) throws SQLException {
        if (out.length() > 0) {
            byte[] data = out.toString().getBytes(StandardCharsets.UTF_8);
            in.write(data, 0, data.length);
            out.setLength(0);
        }
    }

    /**
     * One value in COPY's text format. Only text (strings, JSON, arrays) can hold what the format escapes; numbers,
     * booleans, dates, times and enum names are written as they are.
     */
    private static void copyValue(StringBuilder out, Object value, String name, String sql) {
        if (value instanceof String s) {
            escaped(out, s);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            out.append(b ? 't' : 'f');
        } else if (value instanceof Enum<?> e) {
            out.append(e.name());
        } else if (value instanceof Json raw) {
            escaped(out, raw.text());
        } else if (value instanceof Collection<?> items) {
            escaped(out, arrayLiteral(items, name, sql));
        } else if (value instanceof OffsetDateTime t && t.getYear() >= 1 && t.getYear() <= 9999) {
            // The instant toString gives, always with seconds and nine digits of fraction, and without the strings
            // its formatting makes: a rebuild writes two for every event.
            date(out, t.getYear(), t.getMonthValue(), t.getDayOfMonth()).append('T');
            twoDigits(out, t.getHour()).append(':');
            twoDigits(out, t.getMinute()).append(':');
            twoDigits(out, t.getSecond()).append('.');
            String nanos = Integer.toString(t.getNano());
            out.append("000000000", 0, 9 - nanos.length()).append(nanos);
            out.append(t.getOffset().getId());
        } else if (value instanceof LocalDate d && d.getYear() >= 1 && d.getYear() <= 9999) {
            date(out, d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        } else {
            out.append(scalarText(value, name, sql));
        }
    }

    private static StringBuilder date(StringBuilder out, int year, int month, int day) {
        out.append((char) ('0' + year / 1000)).append((char) ('0' + year / 100 % 10))
                .append((char) ('0' + year / 10 % 10)).append((char) ('0' + year % 10)).append('-');
        return twoDigits(twoDigits(out, month).append('-'), day);
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** An array literal: {"a","b"}, each element quoted. */
    private static String arrayLiteral(Collection<?> items, String name, String sql) {
        StringBuilder array = new StringBuilder("{");
        for (Object item : items) {
            if (array.length() > 1) {
                array.append(',');
            }
            if (item == null) {
                array.append("NULL");
            } else {
                String text = item instanceof String s ? s : item instanceof Enum<?> e ? e.name()
                        : scalarText(item, name, sql);
                array.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return array.append('}').toString();
    }

    private static String scalarText(Object value, String name, String sql) {
        if (value instanceof Number || value instanceof LocalDate || value instanceof OffsetDateTime
                || value instanceof Instant || value instanceof Boolean) {
            return value.toString();
        }
        throw new InvalidDataAccessApiUsageException("the value of '" + name + "' (a " + value.getClass().getName()
                + ") cannot be copied, for " + sql);
    }

    /**
     * COPY's text format: a backslash, tab, newline or carriage return inside a value is escaped. Most values have
     * none, and go in whole: {@code String.indexOf} looks for each (vectorised by the JIT, which matters for the long
     * JSON of a dispute's state).
     */
    private static void escaped(StringBuilder out, String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0) {
            out.append(value);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    private void send(List<String> texts, List<String> arrays) {
        jdbc.execute(connection -> {
            PreparedStatement statement = connection.prepareStatement(String.join(";\n", texts));
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            return statement;
        }, (PreparedStatement statement) -> {
            for (int i = 0; i < arrays.size(); i++) {
                PGobject rows = new PGobject();
                rows.setType("jsonb");
                rows.setValue(arrays.get(i));
                statement.setObject(i + 1, rows);
            }
            statement.execute();
            return null;
        });
    }

    /** The batch's statements failed; the message says why, as PostgreSQL said it. */
    public static final class WriteFailed extends DataAccessException {
        WriteFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A value that is JSON already (a {@code jsonb} column's), embedded in the row as it is. */
    public static Object json(String json) {
        return new Json(json);
    }

    /** A {@code text[]} column's value. */
    public static Object textArray(Collection<String> values) {
        return List.copyOf(values);
    }

    record Json(String text) {
    }

    private static void checked(String sql) {
        Matcher m = ROWS.matcher(sql);
        if (!m.find() || m.find()) {
            throw new InvalidDataAccessApiUsageException("a batch statement reads its rows from exactly one :rows: "
                    + sql);
        }
    }

    private static String array(String sql, List<Map<String, ?>> rows) {
        StringWriter out = new StringWriter(rows.size() * 256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (Map<String, ?> row : rows) {
                json.writeStartObject();
                for (Map.Entry<String, ?> field : row.entrySet()) {
                    json.writeFieldName(field.getKey());
                    write(json, field.getValue(), field.getKey(), sql);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator json, Object value, String name, String sql) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigDecimal d) {
            json.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            json.writeNumber(i);
        } else if (value instanceof LocalDate || value instanceof OffsetDateTime || value instanceof Instant) {
            json.writeString(value.toString());
        } else if (value instanceof Enum<?> e) {
            json.writeString(e.name());
        } else if (value instanceof Json raw) {
            json.writeRawValue(raw.text());
        } else if (value instanceof Collection<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                write(json, item, name, sql);
            }
            json.writeEndArray();
        } else {
            throw new InvalidDataAccessApiUsageException("the value of '" + name + "' (a "
                    + value.getClass().getName() + ") cannot be sent as JSON, for " + sql);
        }
    }
}
