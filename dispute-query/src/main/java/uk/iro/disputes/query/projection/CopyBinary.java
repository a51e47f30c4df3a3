package uk.iro.disputes.query.projection;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Rows in the binary format of PostgreSQL's {@code COPY}, for a rebuild's replay (issue 8). PostgreSQL reads each
 * value as the column's own binary form, with none of the text format's parsing of numbers, dates, times and
 * arrays: loading the replay's intervals from text took it about twice as long (measured on the benchmark's store).
 * So each value is written as its column's type, which the caller names by type OID (from {@code pg_attribute});
 * the types the read models use are those below, and any other column makes the caller use the text format.
 *
 * <p>The format (PostgreSQL's manual, "COPY", binary format): a signature, flags and an empty header extension;
 * each row a 16-bit count of its fields and each field a 32-bit length (-1 for null) and its bytes; a 16-bit -1 at
 * the end. Integers are big-endian; a date is days since 2000-01-01, a time stamp microseconds since
 * 2000-01-01T00:00Z; text is the server's encoding, which must be UTF-8.
 */
final class CopyBinary {
    static final int BOOL = 16;
    static final int INT8 = 20;
    static final int INT2 = 21;
    static final int INT4 = 23;
    static final int TEXT = 25;
    static final int VARCHAR = 1043;
    static final int DATE = 1082;
    static final int TIMESTAMPTZ = 1184;
    static final int TEXT_ARRAY = 1009;
    static final int VARCHAR_ARRAY = 1015;
    static final int JSONB = 3802;
    private static final List<Integer> WRITTEN = List.of(BOOL, INT8, INT2, INT4, TEXT, VARCHAR, DATE, TIMESTAMPTZ,
            TEXT_ARRAY, VARCHAR_ARRAY, JSONB);
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final long EPOCH_DAY_2000 = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long EPOCH_SECOND_2000 = EPOCH_DAY_2000 * 86_400;

    private byte[] buffer;
    private int size;

    private CopyBinary(int capacity) {
        buffer = new byte[capacity];
    }

    /** Whether every one of these column types is one this class writes. */
    static boolean writes(int[] types) {
        return Arrays.stream(types).allMatch(WRITTEN::contains);
    }

    /**
     * The rows, in the binary format, sent a piece of about {@code piece} bytes at a time (see
     * {@link BatchStatements#copyText} for why in pieces).
     */
    static void copy(String sql, List<String> columns, int[] types, List<Map<String, ?>> rows, int piece,
            BatchStatements.CopySink in) throws SQLException {
        CopyBinary out = new CopyBinary(piece + 4096);
        out.bytes(SIGNATURE);
        out.int32(0);
        out.int32(0);
        for (Map<String, ?> row : rows) {
            out.int16(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                Object value = row.get(columns.get(i));
                if (value == null) {
                    out.int32(-1);
                } else {
                    out.value(value, types[i], columns.get(i), sql);
                }
            }
            if (out.size >= piece) {
                out.send(in);
            }
        }
        out.int16(-1);
        out.send(in);
    }

    private void value(Object value, int type, String name, String sql) {
        switch (type) {
            case BOOL -> {
                if (!(value instanceof Boolean b)) {
                    throw refused(value, type, name, sql);
                }
                int32(1);
                byte1(b ? 1 : 0);
            }
            case INT2 -> {
                int32(2);
                int16((int) integer(value, Short.MIN_VALUE, Short.MAX_VALUE, type, name, sql));
            }
            case INT4 -> {
                int32(4);
                int32((int) integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE, type, name, sql));
            }
            case INT8 -> {
                int32(8);
                int64(integer(value, Long.MIN_VALUE, Long.MAX_VALUE, type, name, sql));
            }
            case TEXT, VARCHAR -> text(text(value, type, name, sql));
            case JSONB -> {
                byte[] json = text(value, type, name, sql).getBytes(StandardCharsets.UTF_8);
                int32(json.length + 1);
                byte1(1);   // jsonb's binary form: a version byte, then the text
                bytes(json);
            }
            case DATE -> {
                if (!(value instanceof LocalDate d)) {
                    throw refused(value, type, name, sql);
                }
                int32(4);
                int32(Math.toIntExact(d.toEpochDay() - EPOCH_DAY_2000));
            }
            case TIMESTAMPTZ -> {
                Instant at = value instanceof OffsetDateTime t ? t.toInstant() : value instanceof Instant i ? i : null;
                if (at == null) {
                    throw refused(value, type, name, sql);
                }
                int32(8);
                int64(micros(at));
            }
            case TEXT_ARRAY, VARCHAR_ARRAY -> array(value, type == TEXT_ARRAY ? TEXT : VARCHAR, type, name, sql);
            default -> throw refused(value, type, name, sql);
        }
    }

    /**
     * Microseconds since 2000-01-01T00:00Z, the nanoseconds rounded to the nearest microsecond, as PostgreSQL rounds
     * the fraction of a time's text (the service's own times have milliseconds, and need no rounding).
     */
    static long micros(Instant at) {
        long micros = Math.multiplyExact(at.getEpochSecond() - EPOCH_SECOND_2000, 1_000_000L);
        return micros + (at.getNano() + 500) / 1000;
    }

    private void array(Object value, int elementType, int type, String name, String sql) {
        if (!(value instanceof Collection<?> items)) {
            throw refused(value, type, name, sql);
        }
        int start = size;
        int32(0);                       // the length, set below
        int32(items.isEmpty() ? 0 : 1); // dimensions: an empty array has none
        boolean nulls = false;
        for (Object item : items) {
            nulls |= item == null;     // List.of's contains(null) throws
        }
        int32(nulls ? 1 : 0);
        int32(elementType);
        if (!items.isEmpty()) {
            int32(items.size());
            int32(1);                   // lower bound
            for (Object item : items) {
                if (item == null) {
                    int32(-1);
                } else {
                    text(text(item, type, name, sql));
                }
            }
        }
        int length = size - start - 4;
        buffer[start] = (byte) (length >>> 24);
        buffer[start + 1] = (byte) (length >>> 16);
        buffer[start + 2] = (byte) (length >>> 8);
        buffer[start + 3] = (byte) length;
    }

    private static long integer(Object value, long min, long max, int type, String name, String sql) {
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short)) {
            throw refused(value, type, name, sql);
        }
        long n = ((Number) value).longValue();
        if (n < min || n > max) {
            throw new InvalidDataAccessApiUsageException("the value of '" + name + "' (" + n
                    + ") is out of its column's range, for " + sql);
        }
        return n;
    }

    private static String text(Object value, int type, String name, String sql) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof BatchStatements.Json j) {
            return j.text();
        }
        throw refused(value, type, name, sql);
    }

    private static InvalidDataAccessApiUsageException refused(Object value, int type, String name, String sql) {
        return new InvalidDataAccessApiUsageException("the value of '" + name + "' (a " + value.getClass().getName()
                + ") cannot be copied into a column of type " + type + ", for " + sql);
    }

    private void text(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int32(bytes.length);
        bytes(bytes);
    }

    private void room(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    private void bytes(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, buffer, size, b.length);
        size += b.length;
    }

    private void byte1(int b) {
        room(1);
        buffer[size++] = (byte) b;
    }

    private void int16(int v) {
        room(2);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
    }

    private void int32(int v) {
        room(4);
        buffer[size++] = (byte) (v >>> 24);
        buffer[size++] = (byte) (v >>> 16);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
    }

    private void int64(long v) {
        int32((int) (v >>> 32));
        int32((int) v);
    }

    private void send(BatchStatements.CopySink in) throws SQLException {
        if (size > 0) {
            in.write(buffer, 0, size);
            size = 0;
        }
    }
}
