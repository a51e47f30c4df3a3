package uk.iro.disputes.kernel.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The validator reports the inconsistencies the documents really have, and nothing for the consistent ones. */
class PolicyValidatorTest {

    private static List<String> bundledWarnings(String id) {
        return PolicyLoader.bundled().stream()
                .filter(p -> p.policy().id().equals(id))
                .findFirst()
                .orElseThrow()
                .warnings();
    }

    private static List<String> warningsOf(String yaml) {
        LoadedPolicy loaded = PolicyLoader.load("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        assertThat(loaded.warnings()).isEqualTo(PolicyValidator.warnings(loaded.policy()));
        return loaded.warnings();
    }

    @Test
    void durhamsLadderRunsPastItsDeclaredTotalAndTheStatutoryLimit() {
        assertThat(bundledWarnings("durham")).containsExactly(
                "the ladder runs to 22 working days but the policy declares 17 (both counting the informal stage)",
                "the formal ladder runs to 21 working days, more than the statutory limit of 20");
    }

    @Test
    void theCareFirstLadderRunsToTwentyFiveAndItsLastStageNeverGoesOverdue() {
        assertThat(bundledWarnings("group-manager-ladder")).containsExactly(
                "stage-6 has no response timescale; it never goes overdue",
                "the ladder runs to 25 working days but the policy declares 20",
                "the formal ladder runs to 25 working days, more than the statutory limit of 20");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wakefield", "birmingham", "warwickshire"})
    void theOtherLaddersFitTheirDeclaredTotalAndTheStatutoryLimit(String id) {
        assertThat(bundledWarnings(id)).isEmpty();
    }

    private static final String HEAD = """
            id: test
            version: 1
            title: Test
            source: test.txt
            formalStart: { iroChoosesStage: false }
            cafcass: { atAnyStage: true, beforeLastStage: CONTINUES_ALONGSIDE, atLastStage: CONTINUES_ALONGSIDE }
            """;

    private static String stage(String key, String timescale) {
        return "  - { key: " + key + ", title: T, assigneeRoles: [SENIOR_MANAGER], assigneePosition: P"
                + (timescale == null ? "" : ", timescale: " + timescale) + " }\n";
    }

    @Test
    void aDayOfFormalProcessBeforeTheEarlierStagesEndIsReported() {
        String yaml = HEAD + "stages:\n"
                + stage("stage-1", "{ workingDays: 10 }")
                + stage("stage-2", "{ workingDays: 6 }")
                + stage("stage-3", "{ workingDayOfFormalProcess: 14 }")
                + stage("stage-4", "{ workingDays: 2 }");

        assertThat(warningsOf(yaml)).containsExactly(
                "stage-3 is due by day 14 but the stages before it can run to day 16");
    }

    @Test
    void aDayOfFormalProcessAfterTheEarlierStagesExtendsTheLadder() {
        String yaml = HEAD + "declaredTotal: { workingDays: 19 }\nstages:\n"
                + stage("stage-1", "{ workingDays: 10 }")
                + stage("stage-2", "{ workingDayOfFormalProcess: 20 }");

        assertThat(warningsOf(yaml)).containsExactly("the ladder runs to 20 working days but the policy declares 19");
    }

    @Test
    void aDeclaredTotalBeyondTheStatutoryLimitIsReported() {
        String yaml = HEAD + "declaredTotal: { workingDays: 25 }\nstages:\n" + stage("stage-1", "{ workingDays: 5 }");

        assertThat(warningsOf(yaml)).containsExactly(
                "declaredTotal is 25 working days, more than the statutory limit of 20");
    }

    @Test
    void theInformalStageCountsOnlyWhereTheDeclaredTotalIncludesIt() {
        String informal = "informal: { title: I, assigneeRoles: [TEAM_MANAGER], assigneePosition: P,"
                + " timescale: { workingDays: 5 } }\n";
        String stages = "stages:\n" + stage("stage-1", "{ workingDays: 10 }");

        assertThat(warningsOf(HEAD + informal + "declaredTotal: { workingDays: 10, includesInformal: false }\n" + stages))
                .isEmpty();
        assertThat(warningsOf(HEAD + informal + "declaredTotal: { workingDays: 10, includesInformal: true }\n" + stages))
                .containsExactly(
                        "the ladder runs to 15 working days but the policy declares 10 (both counting the informal stage)");
    }

    @Test
    void aBypassConsultationWithoutBypassIsReported() {
        String yaml = HEAD + "bypass: { allowed: false, consultation: { role: IRO_MANAGER, position: IRO Manager } }\n"
                + "stages:\n" + stage("stage-1", "{ workingDays: 5 }");

        assertThat(warningsOf(yaml)).containsExactly(
                "bypass.consultation is set but bypass is not allowed; the consultation is never asked for");
    }

    @Test
    void extensionDetailsWithoutExtensionsAreReported() {
        String yaml = HEAD + "extension: { allowed: false, agreedBy: [IRO] }\n"
                + "stages:\n" + stage("stage-1", "{ workingDays: 5 }");

        assertThat(warningsOf(yaml)).containsExactly(
                "extension.agreedBy or extension.maximumWorkingDays is set but extensions are not allowed");
    }

    @Test
    void everyStageWithoutATimescaleIsReportedByKey() {
        String yaml = HEAD + "stages:\n" + stage("stage-1", null) + stage("stage-2", "{ workingDays: 5 }")
                + stage("stage-3", null);

        assertThat(warningsOf(yaml)).containsExactly(
                "stage-1 has no response timescale; it never goes overdue",
                "stage-3 has no response timescale; it never goes overdue");
    }
}
