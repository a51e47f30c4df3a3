package uk.iro.disputes.query.projection;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Read-model writes gathered for one go: each statement with every set of parameters it is to run with, sent as one
 * JDBC batch per statement (one round trip each, however many rows), in the order the statements were first added.
 * The projection declares its own statements up front, so that, whatever mix of disputes a batch holds, deletes run
 * before the inserts they make room for and the dispute row before the child rows that reference it. A listener's
 * statements come after the projection's, in the order it first adds them; they should not depend on one another's
 * order beyond that.
 */
public final class BatchStatements {
    private final NamedParameterJdbcTemplate jdbc;
    private final Map<String, List<SqlParameterSource>> statements = new LinkedHashMap<>();

    BatchStatements(NamedParameterJdbcTemplate jdbc, List<String> declared) {
        this.jdbc = jdbc;
        declared.forEach(sql -> statements.put(sql, new ArrayList<>()));
    }

    /** Runs {@code sql} once more, with these parameters, when the batch is written. */
    public void add(String sql, Map<String, ?> parameters) {
        statements.computeIfAbsent(sql, s -> new ArrayList<>()).add(new MapSqlParameterSource(parameters));
    }

    /** How many statement executions are waiting. */
    public int size() {
        return statements.values().stream().mapToInt(List::size).sum();
    }

    /** Sends every waiting statement, in order, and forgets them. */
    void execute() {
        statements.forEach((sql, parameters) -> {
            if (!parameters.isEmpty()) {
                jdbc.batchUpdate(sql, parameters.toArray(SqlParameterSource[]::new));
                parameters.clear();
            }
        });
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
