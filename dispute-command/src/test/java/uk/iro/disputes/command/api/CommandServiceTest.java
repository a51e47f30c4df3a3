package uk.iro.disputes.command.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service on a random port against the local PostgreSQL (database iro_disputes, schema
 * disputes_command), trusting {@link TestTokens}' key and issuer. Tests use fresh dispute ids, so they share
 * the database without stepping on each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MovableTimeConfiguration.class)
public abstract class CommandServiceTest {
    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected MutableClock clock;
    protected Api api;


    @DynamicPropertySource
    static void trustTestTokens(DynamicPropertyRegistry registry) {
        registry.add("iro.security.jwt.public-key", TestTokens::publicKeyPem);
        registry.add("iro.security.jwt.issuer", () -> TestTokens.ISSUER);
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    /** The due date of the stage the dispute opened last, as its StageOpened event recorded it. */
    protected String dueDateOfLastStage(String id) {
        return dueDateOfLastStage(jdbc, id);
    }

    public static String dueDateOfLastStage(JdbcClient jdbc, String id) {
        return jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8')::json ->> 'dueDate' FROM domainevententry
                        WHERE aggregateidentifier = :id AND payloadtype LIKE '%StageOpened'
                        ORDER BY sequencenumber DESC LIMIT 1""")
                .param("id", id).query(String.class).single();
    }
}
