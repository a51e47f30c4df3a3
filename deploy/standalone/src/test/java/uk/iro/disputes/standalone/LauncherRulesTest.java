package uk.iro.disputes.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's small decisions: which service owns a request, each service's schema, option over environment. */
class LauncherRulesTest {

    @Test
    void writesAndTheSchedulersAndPublishersPathsGoToTheCommandServiceEverythingElseToTheQueryService() {
        assertThat(FrontDoor.ownedByCommand("POST", "/api/v1/disputes")).isTrue();
        assertThat(FrontDoor.ownedByCommand("POST", "/api/v1/disputes/d-1/respond")).isTrue();
        assertThat(FrontDoor.ownedByCommand("PUT", "/api/v1/disputes/d-1")).isTrue();
        assertThat(FrontDoor.ownedByCommand("POST", "/internal/v1/disputes/d-1/stage-overdue")).isTrue();
        assertThat(FrontDoor.ownedByCommand("GET", "/api/v1/admin/kafka-publisher")).isTrue();
        assertThat(FrontDoor.ownedByCommand("POST", "/api/v1/admin/kafka-publisher/replay")).isTrue();

        assertThat(FrontDoor.ownedByCommand("GET", "/api/v1/disputes")).isFalse();
        assertThat(FrontDoor.ownedByCommand("GET", "/api/v1/disputes/d-1/history")).isFalse();
        assertThat(FrontDoor.ownedByCommand("HEAD", "/api/v1/disputes/d-1")).isFalse();
        assertThat(FrontDoor.ownedByCommand("POST", "/api/v1/admin/projection/rebuild")).isFalse();
        assertThat(FrontDoor.ownedByCommand("POST", "/api/v1/policies")).isFalse();
        assertThat(FrontDoor.ownedByCommand("POST", "/api/v1/disputesx")).isFalse();
    }

    @Test
    void eachServiceGetsItsOwnSchemaInTheGivenDatabaseWithTheOtherParametersKept() {
        assertThat(Standalone.withSchema("jdbc:postgresql://db:5432/iro", "disputes_query"))
                .isEqualTo("jdbc:postgresql://db:5432/iro?currentSchema=disputes_query");
        assertThat(Standalone.withSchema("jdbc:postgresql://db/iro?ssl=true&currentSchema=public&user=x",
                "disputes_command"))
                .isEqualTo("jdbc:postgresql://db/iro?ssl=true&user=x&currentSchema=disputes_command");
    }

    @Test
    void anOptionOutranksTheEnvironmentAndABlankOptionUnsetsIt() {
        Map<String, String> environment = Map.of("IRO_DB_URL", "jdbc:postgresql://elsewhere/iro", "SERVER_PORT", "9");
        Settings given = Settings.of(new String[] {"--db-url=", "--demo", "--iro.query.min-version-wait=10s"},
                environment);
        assertThat(given.value("db-url", "IRO_DB_URL")).isEmpty();
        assertThat(given.value("server.port", "SERVER_PORT")).contains("9");
        assertThat(given.flag("demo")).isTrue();
        assertThat(given.passThrough()).containsExactly("--iro.query.min-version-wait=10s");
        assertThat(Settings.of(new String[0], environment).value("db-url", "IRO_DB_URL"))
                .contains("jdbc:postgresql://elsewhere/iro");
        assertThatThrownBy(() -> Settings.of(new String[] {"demo"}, environment))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
