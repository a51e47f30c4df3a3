package uk.iro.disputes.query.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * Makes sure the command service's event table exists before the query service starts in a test: on a fresh
 * database dispute-query's tests may run before (or without) dispute-command's. Uses byte-identical copies of
 * the command service's migrations, so a later run of the command service sees its own history.
 */
public final class CommandSchema {
    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/"
            + System.getenv().getOrDefault("IRO_TEST_DB", "iro_disputes");
    public static final String USER = "postgres";
    private static volatile boolean checked;

    private CommandSchema() {
    }

    public static synchronized void ensure() {
        if (checked) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
                ResultSet rs = connection.createStatement().executeQuery(
                        "SELECT to_regclass('disputes_command.domainevententry') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                Flyway.configure()
                        .dataSource(URL, USER, "")
                        .schemas("disputes_command")
                        .defaultSchema("disputes_command")
                        .locations("classpath:db/command-schema-copy")
                        .load()
                        .migrate();
            }
            checked = true;
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 (database iro_disputes) is needed", e);
        }
    }
}
