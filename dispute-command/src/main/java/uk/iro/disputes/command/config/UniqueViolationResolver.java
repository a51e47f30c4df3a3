package uk.iro.disputes.command.config;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/** PostgreSQL's unique_violation (SQLSTATE 23505) anywhere in the cause chain means another writer won. */
final class UniqueViolationResolver implements PersistenceExceptionResolver {
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
