package uk.iro.disputes.query.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.jdbc.core.SqlParameter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * Read-model writes gathered for one go: each statement with every set of parameters it is to run with, sent as one
 * JDBC batch per statement (one round trip each, however many rows), in the order the statements were first added.
 * The projection declares its own statements up front, so that, whatever mix of disputes a batch holds, deletes run
 * before the inserts they make room for and the dispute row before the child rows that reference it. A listener's
 * statements come after the projection's, in the order it first adds them; they should not depend on one another's
 * order beyond that.
 */
public final class BatchStatements {
    /** Each statement's positional form and its parameters' names, in order: parsed once, not once per row. */
    private static final Map<String, Positional> PARSED = new ConcurrentHashMap<>();
    private final JdbcOperations jdbc;
    private final Map<String, List<Map<String, ?>>> statements = new LinkedHashMap<>();

    BatchStatements(NamedParameterJdbcTemplate jdbc, List<String> declared) {
        this.jdbc = jdbc.getJdbcOperations();
        declared.forEach(sql -> statements.put(sql, new ArrayList<>()));
    }

    /**
     * Runs {@code sql} once more, with these parameters (by name, as {@code :name} in the statement), when the batch
     * is written. The map is kept as it is until then.
     */
    public void add(String sql, Map<String, ?> parameters) {
        statements.computeIfAbsent(sql, s -> new ArrayList<>()).add(parameters);
    }

    /** How many statement executions are waiting. */
    public int size() {
        return statements.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Sends every waiting statement, in order, and forgets them. Parameters are bound by position straight from each
     * row's map: binding through Spring's named-parameter sources cost a tenth of the projection's CPU in a rebuild
     * (issue 8), for lookups and copies of maps built for this one use.
     */
    void execute() {
        statements.forEach((sql, rows) -> {
            if (!rows.isEmpty()) {
                Positional statement = PARSED.computeIfAbsent(sql, Positional::of);
                jdbc.batchUpdate(statement.sql(), new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        statement.bind(ps, rows.get(i));
                    }

                    @Override
                    public int getBatchSize() {
                        return rows.size();
                    }
                });
                rows.clear();
            }
        });
    }

    /** A statement with {@code ?} for each named parameter, and the names in the order they are bound. */
    private record Positional(String sql, List<String> names) {
        static Positional of(String namedSql) {
            ParsedSql parsed = NamedParameterUtils.parseSqlStatement(namedSql);
            return new Positional(NamedParameterUtils.substituteNamedParameters(parsed, null),
                    NamedParameterUtils.buildSqlParameterList(parsed, new MapSqlParameterSource()).stream()
                            .map(SqlParameter::getName).toList());
        }

        void bind(PreparedStatement ps, Map<String, ?> parameters) throws SQLException {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                Object value = parameters.get(name);
                if (value == null && !parameters.containsKey(name)) {
                    throw new InvalidDataAccessApiUsageException("No value supplied for the SQL parameter '" + name
                            + "' of " + sql);
                }
                StatementCreatorUtils.setParameterValue(ps, i + 1, SqlTypeValue.TYPE_UNKNOWN, value);
            }
        }
    }

    /** A {@code text[]} parameter, made with the statement's own connection when it is bound. */
    public static Object textArray(Collection<String> values) {
        Object[] array = values.toArray();
        return new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection connection, int sqlType, String typeName)
                    throws java.sql.SQLException {
                return connection.createArrayOf("text", array);
            }
        };
    }
}
