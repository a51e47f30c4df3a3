package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import uk.iro.disputes.query.support.QueryServiceTest;

/** The projection's batched writes bind named parameters by position, in the order the statements were added. */
class BatchStatementsTest extends QueryServiceTest {
    @Autowired
    JdbcTemplate template;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void namedParametersAreBoundByPositionWithNullsArraysAndRepeats() {
        transactions.executeWithoutResult(tx -> {
            template.execute("CREATE TEMP TABLE batch_probe (id text, n int, twice int, on_date date, tags text[])"
                    + " ON COMMIT DROP");
            BatchStatements statements = new BatchStatements(new NamedParameterJdbcTemplate(template), List.of());
            String insert = "INSERT INTO batch_probe VALUES (:id, :n, :n * 2, :onDate, :tags)";
            Map<String, Object> withNulls = new HashMap<>();
            withNulls.put("id", "b");
            withNulls.put("n", null);
            withNulls.put("onDate", null);
            withNulls.put("tags", BatchStatements.textArray(List.of()));
            statements.add(insert, Map.of("id", "a", "n", 3, "onDate", LocalDate.of(2026, 11, 30),
                    "tags", BatchStatements.textArray(List.of("X", "Y"))));
            statements.add(insert, withNulls);
            statements.add("UPDATE batch_probe SET id = id || '!' WHERE id = :id", Map.of("id", "a"));
            assertThat(statements.size()).isEqualTo(3);

            statements.execute();

            assertThat(statements.size()).isZero();
            assertThat(template.queryForList("SELECT id, n, twice, on_date::text AS d, array_to_string(tags, ',') AS t"
                    + " FROM batch_probe ORDER BY id").toString())
                    .isEqualTo("[{id=a!, n=3, twice=6, d=2026-11-30, t=X,Y}, {id=b, n=null, twice=null, d=null, t=}]");
            tx.setRollbackOnly();
        });
    }

    @Test
    void aMissingParameterIsNamed() {
        transactions.executeWithoutResult(tx -> {
            BatchStatements statements = new BatchStatements(new NamedParameterJdbcTemplate(template), List.of());
            statements.add("SELECT :present, :absent", Map.of("present", 1));

            assertThatThrownBy(statements::execute).isInstanceOf(InvalidDataAccessApiUsageException.class)
                    .hasMessageContaining("'absent'");
            tx.setRollbackOnly();
        });
    }
}
