package uk.iro.disputes.kernel.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every broken policy is refused with a message naming the file and the exact field. */
class PolicyLoaderErrorsTest {

    private static final String ORIGIN = "council.yaml";

    /** A valid policy; each case below breaks one thing in it. */
    private static final String VALID = """
            id: test-council
            version: 1
            title: Test council
            source: test.txt
            informal:
              title: Informal
              assigneeRoles: [TEAM_MANAGER]
              assigneePosition: Team Manager
              timescale: { workingDays: 5 }
            formalStart: { iroChoosesStage: false }
            stages:
              - key: stage-1
                title: Service Manager
                assigneeRoles: [SENIOR_MANAGER]
                assigneePosition: Service Manager
                timescale: { workingDays: 5 }
              - key: stage-2
                title: Director
                assigneeRoles: [SENIOR_MANAGER]
                assigneePosition: Director
                timescale: { workingDays: 5 }
            cafcass: { atAnyStage: true, beforeLastStage: CONTINUES_ALONGSIDE, atLastStage: CONTINUES_ALONGSIDE }
            """;

    private static LoadedPolicy load(String yaml) {
        return PolicyLoader.load(ORIGIN, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The valid policy with {@code from} replaced by {@code to}; fails the test if {@code from} is not there. */
    private static String with(String from, String to) {
        if (!VALID.contains(from)) {
            throw new IllegalArgumentException("the valid policy has no '" + from + "'");
        }
        return VALID.replace(from, to);
    }

    private static String plus(String extra) {
        return VALID + extra + "\n";
    }

    private static Arguments broken(String yaml, String field, String problem) {
        return Arguments.of(yaml, field, problem);
    }

    static Stream<Arguments> brokenPolicies() {
        return Stream.of(
                // unreadable documents
                broken("id: [unclosed\n", "(document)", "not valid YAML (line 1"),
                broken("", "(document)", "is empty"),
                broken("- a\n- b\n", "(document)", "must be a mapping"),
                broken(plus("---\nid: another"), "(document)", "more than one YAML document"),
                broken(with("title: Test council", "title: Test council\ntitle: Again"), "title", "appears twice"),
                // missing required fields
                broken(with("id: test-council\n", ""), "id", "required field is missing"),
                broken(with("source: test.txt\n", ""), "source", "required field is missing"),
                broken(with("title: Test council", "title:"), "title", "required field is empty"),
                broken(with("title: Test council", "title: \"  \""), "title", "must not be blank"),
                broken(with("formalStart: { iroChoosesStage: false }\n", ""), "formalStart", "required field is missing"),
                broken(with("    title: Director\n", ""), "stages[1].title", "required field is missing"),
                broken(with("  assigneePosition: Team Manager\n", ""), "informal.assigneePosition",
                        "required field is missing"),
                broken(with(", atLastStage: CONTINUES_ALONGSIDE }", " }"), "cafcass.atLastStage",
                        "required field is missing"),
                broken(with("{ iroChoosesStage: false }",
                        "{ iroChoosesStage: false, consultation: { role: IRO_MANAGER } }"),
                        "formalStart.consultation.position", "required field is missing"),
                // unknown fields
                broken(plus("colour: red"), "colour", "unknown field"),
                broken(with("    timescale: { workingDays: 5 }\n  - key: stage-2",
                        "    timscale: { workingDays: 5 }\n  - key: stage-2"),
                        "stages[0].timscale", "unknown field (did you mean 'timescale'?)"),
                broken(with("{ workingDays: 5 }\nformalStart", "{ days: 5 }\nformalStart"),
                        "informal.timescale.days", "unknown field"),
                // wrong types
                broken(with("version: 1", "version: one"), "version", "must be a whole number of 1 or more"),
                broken(with("version: 1", "version: 0"), "version", "must be a whole number of 1 or more"),
                broken(with("title: Test council", "title: 42"), "title", "must be text"),
                broken(with("iroChoosesStage: false", "iroChoosesStage: sometimes"), "formalStart.iroChoosesStage",
                        "must be true or false"),
                broken(with("  assigneeRoles: [TEAM_MANAGER]", "  assigneeRoles: TEAM_MANAGER"),
                        "informal.assigneeRoles", "must be a list"),
                broken(with("formalStart: { iroChoosesStage: false }", "formalStart: yes please"), "formalStart",
                        "must be a mapping"),
                // unknown enum values, listing the allowed ones
                broken(with("    assigneeRoles: [SENIOR_MANAGER]\n    assigneePosition: Director",
                        "    assigneeRoles: [SENIOR_MANGER]\n    assigneePosition: Director"),
                        "stages[1].assigneeRoles[0]",
                        "unknown value 'SENIOR_MANGER'; allowed values: IRO, IRO_MANAGER, SOCIAL_WORKER, TEAM_MANAGER"),
                broken(with("atLastStage: CONTINUES_ALONGSIDE", "atLastStage: CLOSES"), "cafcass.atLastStage",
                        "allowed values: CONTINUES_ALONGSIDE, CLOSES_ESCALATION"),
                broken(with("  assigneeRoles: [TEAM_MANAGER]", "  assigneeRoles: []"), "informal.assigneeRoles",
                        "must name at least one role"),
                // ids and stage keys
                broken(with("id: test-council", "id: Test_Council"), "id", "lower-case letters, digits and hyphens"),
                broken(with("key: stage-1", "key: Stage One"), "stages[0].key", "lower-case letters, digits or hyphens"),
                broken(with("key: stage-1", "key: stage-" + "1".repeat(40)), "stages[0].key", "1-40"),
                broken(with("key: stage-2", "key: stage-1"), "stages[1].key", "already the key of stages[0]"),
                broken(with("key: stage-2", "key: informal"), "stages[1].key", "'informal' is reserved"),
                broken(VALID.substring(0, VALID.indexOf("stages:")) + "stages: []\n"
                        + VALID.substring(VALID.indexOf("cafcass:")), "stages", "at least one formal stage"),
                broken(plus("immediateConcern: { responseWithinWorkingDays: 1, writtenRecordWithinWorkingDays: 2,"
                        + " stages: [stage-1, stage-9] }"), "immediateConcern.stages[1]",
                        "'stage-9' is not a formal stage of this policy"),
                broken(plus("immediateConcern: { responseWithinWorkingDays: 1, writtenRecordWithinWorkingDays: 2,"
                        + " stages: [informal] }"), "immediateConcern.stages[0]", "not a formal stage"),
                // rules
                broken(plus("extension: { allowed: true, agreedBy: [] }"), "extension.agreedBy",
                        "must name at least one role when extensions are allowed"),
                broken(plus("extension: { allowed: true }"), "extension.agreedBy",
                        "must name at least one role when extensions are allowed"),
                broken(plus("closure: { authorisedBy: [] }"), "closure.authorisedBy", "must name at least one role"),
                broken(plus("closure: { authorisedBy: [IRO_MANAGER], ownIroOnly: true }"), "closure.ownIroOnly",
                        "must include IRO"),
                // timescales and day counts
                broken(with("  timescale: { workingDays: 5 }\nformalStart",
                        "  timescale: { workingDayOfFormalProcess: 5 }\nformalStart"),
                        "informal.timescale.workingDayOfFormalProcess", "not allowed on the informal stage"),
                broken(with("    timescale: { workingDays: 5 }\n  - key: stage-2",
                        "    timescale: { workingDays: 0 }\n  - key: stage-2"),
                        "stages[0].timescale.workingDays", "must be a whole number of 1 or more"),
                broken(with("    assigneePosition: Director\n    timescale: { workingDays: 5 }",
                        "    assigneePosition: Director\n    timescale: { workingDays: 5, workingDayOfFormalProcess: 9 }"),
                        "stages[1].timescale", "not both"),
                broken(with("    assigneePosition: Director\n    timescale: { workingDays: 5 }",
                        "    assigneePosition: Director\n    timescale: {}"),
                        "stages[1].timescale", "needs workingDays or workingDayOfFormalProcess"),
                broken(plus("monitoring: { meetingWithinWorkingDays: -3 }"), "monitoring.meetingWithinWorkingDays",
                        "must be a whole number of 1 or more"),
                broken(plus("declaredTotal: { workingDays: 2.5 }"), "declaredTotal.workingDays",
                        "must be a whole number of 1 or more"),
                broken(with("  timescale: { workingDays: 5 }\nformalStart",
                        "  timescale: { workingDays: 5 }\n  recordWithinWorkingDays: 0\nformalStart"),
                        "informal.recordWithinWorkingDays", "must be a whole number of 1 or more"),
                broken(with("    assigneePosition: Director\n",
                        "    assigneePosition: Director\n    meeting: { required: false, withinWorkingDays: 0 }\n"),
                        "stages[1].meeting.withinWorkingDays", "must be a whole number of 1 or more"),
                broken(with("    assigneePosition: Director\n",
                        "    assigneePosition: Director\n    meeting: { description: talk }\n"),
                        "stages[1].meeting.required", "required field is missing"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("brokenPolicies")
    void aBrokenPolicyIsRefusedNamingTheFileAndTheField(String yaml, String field, String problem) {
        PolicyException e = catchThrowableOfType(() -> load(yaml), PolicyException.class);

        assertThat(e).as("no PolicyException for a policy broken at " + field).isNotNull();
        assertThat(e.origin()).isEqualTo(ORIGIN);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith(ORIGIN + ": " + field + ": ").contains(problem);
    }

    @Test
    void theValidPolicyTheCasesBreakLoads() {
        LoadedPolicy loaded = load(VALID);

        assertThat(loaded.origin()).isEqualTo(ORIGIN);
        assertThat(loaded.policy().ref()).isEqualTo(new PolicyRef("test-council", 1));
        assertThat(loaded.policy().stages()).hasSize(2);
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void theMessageReadsAsFileFieldProblem() {
        String yaml = with("    assigneePosition: Director\n    timescale: { workingDays: 5 }",
                "    assigneePosition: Director\n    timescale: { workingDays: -1 }");

        assertThatThrownBy(() -> PolicyLoader.load("wakefield.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(PolicyException.class)
                .hasMessage("wakefield.yaml: stages[1].timescale.workingDays: must be a whole number of 1 or more,"
                        + " but is -1");
    }

    @Test
    void aBrokenFileIsNamedByItsPath() throws URISyntaxException {
        Path file = Path.of(getClass().getClassLoader().getResource("policies-test/broken/typo.yaml").toURI());

        assertThatThrownBy(() -> PolicyLoader.load(file))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(file + ": stages[1].timscale: unknown field (did you mean 'timescale'?)");
    }

    @Test
    void aMissingFileIsRefusedNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> PolicyLoader.load(missing))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(missing + ": (file): cannot be read");
    }
}
