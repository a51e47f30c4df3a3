package uk.iro.disputes.query.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandServiceTest {
    @Test
    void aMissingRunnableJarIsExplainedWithTheBuildToRun() {
        assertThatThrownBy(() -> CommandService.requireJar(Path.of("target", "no-such-dispute-command-exec.jar")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-dispute-command-exec.jar is missing")
                .hasMessageContaining("./mvnw -pl shared-kernel,dispute-command,dispute-query verify");
    }
}
