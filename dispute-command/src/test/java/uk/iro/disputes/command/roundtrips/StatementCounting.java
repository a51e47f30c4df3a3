package uk.iro.disputes.command.roundtrips;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Wraps the service's DataSource so a test can see every round trip the service makes: each executed statement
 * (an executed batch counts once, as PgJDBC sends it in one go), each commit and each rollback, with the thread
 * that made it. Counting happens above the pool, so Hikari's own housekeeping is not counted.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounting {

    /** One round trip: the SQL (or COMMIT / ROLLBACK) and the thread that sent it. */
    public record RoundTrip(String thread, String sql) {
        @Override
        public String toString() {
            return sql.replaceAll("\\s+", " ").trim();
        }
    }

    /** Everything the service sent since the last {@link #reset()}. */
    public static final class Recorder {
        private final List<RoundTrip> trips = new ArrayList<>();

        synchronized void record(String sql) {
            trips.add(new RoundTrip(Thread.currentThread().getName(), sql));
        }

        public synchronized void reset() {
            trips.clear();
        }

        /** The round trips made by HTTP request threads (Tomcat's {@code http-nio-…-exec-N}). */
        public synchronized List<RoundTrip> byRequestThreads() {
            return trips.stream().filter(t -> t.thread().contains("-exec-")).toList();
        }
    }

    @Bean
    static Recorder statementRecorder() {
        return new Recorder();
    }

    @Bean
    static BeanPostProcessor countingDataSource(Recorder recorder) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && "dataSource".equals(beanName)) {
                    return new CountingDataSource(dataSource, recorder);
                }
                return bean;
            }
        };
    }

    static final class CountingDataSource extends DelegatingDataSource {
        private final Recorder recorder;

        CountingDataSource(DataSource target, Recorder recorder) {
            super(target);
            this.recorder = recorder;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return connection(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connection(super.getConnection(username, password));
        }

        private Connection connection(Connection target) {
            return proxy(Connection.class, target, (method, args) -> {
                switch (method.getName()) {
                    case "commit" -> recorder.record("COMMIT");
                    case "rollback" -> recorder.record("ROLLBACK");
                    default -> {
                    }
                }
                Object result = method.invoke(target, args);
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                return switch (method.getName()) {
                    case "createStatement" -> statement(Statement.class, (Statement) result, null);
                    case "prepareStatement" -> statement(PreparedStatement.class, (PreparedStatement) result, sql);
                    case "prepareCall" -> statement(CallableStatement.class, (CallableStatement) result, sql);
                    default -> result;
                };
            });
        }

        private <S extends Statement> S statement(Class<S> type, S target, String prepared) {
            return proxy(type, target, (method, args) -> {
                if (method.getName().startsWith("execute")) {
                    String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : prepared;
                    recorder.record(method.getName().equals("executeBatch") ? "BATCH " + sql : sql);
                }
                return method.invoke(target, args);
            });
        }

        private interface Call {
            Object invoke(Method method, Object[] args) throws Throwable;
        }

        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<T> type, T target, Call call) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                    return method.invoke(target, args);
                }
                try {
                    return call.invoke(method, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (T) Proxy.newProxyInstance(StatementCounting.class.getClassLoader(), new Class<?>[] {type}, handler);
        }
    }
}
