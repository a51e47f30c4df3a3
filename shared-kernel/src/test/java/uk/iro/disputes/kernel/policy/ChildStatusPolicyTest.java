package uk.iro.disputes.kernel.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.dispute.ChildStatus;
import uk.iro.disputes.kernel.dispute.Track;

/**
 * Policies may differ by the child's status: {@code appliesTo} names the children a policy serves, looked-after
 * only when absent; and a stage with no timescale has no due date but leaves the statutory total in force.
 */
class ChildStatusPolicyTest {
    private static final String POLICY = """
            id: cp-council
            version: 1
            title: Test council
            source: test.txt
            formalStart: { iroChoosesStage: false }
            stages:
              - key: stage-1
                title: Team Manager
                assigneeRoles: [TEAM_MANAGER]
                assigneePosition: Team Manager
                timescale: { workingDays: 5 }
              - key: stage-2
                title: Strategic Director
                assigneeRoles: [SENIOR_MANAGER]
                assigneePosition: Strategic Director
            cafcass: { atAnyStage: false, beforeLastStage: CONTINUES_ALONGSIDE, atLastStage: CLOSES_ESCALATION }
            """;

    private static LoadedPolicy load(String yaml) {
        return PolicyLoader.load("cp.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPolicyThatSaysNothingServesLookedAfterChildrenOnly() {
        EscalationPolicy policy = load(POLICY).policy();
        assertThat(policy.appliesTo()).containsExactly(ChildStatus.LOOKED_AFTER);
        assertThat(policy.appliesTo(ChildStatus.CHILD_PROTECTION)).isFalse();
    }

    @Test
    void appliesToNamesTheChildrenServed() {
        assertThat(load(POLICY + "appliesTo: [CHILD_PROTECTION]\n").policy().appliesTo())
                .containsExactly(ChildStatus.CHILD_PROTECTION);
        assertThat(load(POLICY + "appliesTo: [LOOKED_AFTER, CHILD_PROTECTION]\n").policy().appliesTo())
                .containsExactlyInAnyOrder(ChildStatus.LOOKED_AFTER, ChildStatus.CHILD_PROTECTION);
    }

    @Test
    void durhamServesBothAndTheOtherBundledPoliciesLookedAfterChildrenOnly() {
        for (LoadedPolicy loaded : PolicyLoader.bundled()) {
            boolean durham = loaded.policy().id().equals("durham");
            assertThat(loaded.policy().appliesTo(ChildStatus.CHILD_PROTECTION)).as(loaded.policy().id())
                    .isEqualTo(durham);
            assertThat(loaded.policy().appliesTo(ChildStatus.LOOKED_AFTER)).isTrue();
        }
    }

    @Test
    void aBrokenAppliesToNamesTheField() {
        PolicyException empty = catchThrowableOfType(PolicyException.class,
                () -> load(POLICY + "appliesTo: []\n"));
        assertThat(empty.field()).isEqualTo("appliesTo");
        assertThat(empty.getMessage()).contains("LOOKED_AFTER, CHILD_PROTECTION");

        PolicyException unknown = catchThrowableOfType(PolicyException.class,
                () -> load(POLICY + "appliesTo: [LOOKED_AFTER, CHILD_IN_NEED]\n"));
        assertThat(unknown.field()).isEqualTo("appliesTo[1]");
        assertThat(unknown.getMessage()).contains("CHILD_IN_NEED");

        PolicyException twice = catchThrowableOfType(PolicyException.class,
                () -> load(POLICY + "appliesTo: [CHILD_PROTECTION, CHILD_PROTECTION]\n"));
        assertThat(twice.field()).isEqualTo("appliesTo[1]");
        assertThat(twice.getMessage()).contains("listed twice");
    }

    @Test
    void aStageWithoutATimescaleHasNoDueDateButTheStatutoryTotalStillRuns() {
        LoadedPolicy loaded = load(POLICY);
        EscalationPolicy policy = loaded.policy();
        WorkingDayCalendar calendar = WorkingDayCalendar.englandAndWales();
        LocalDate opened = LocalDate.of(2026, 3, 9);
        assertThat(policy.dueDateOf(StageKey.of("stage-2"), Track.FORMAL, opened, LocalDate.of(2026, 3, 2), calendar))
                .isNull();
        assertThat(EscalationPolicy.statutoryDueDate(LocalDate.of(2026, 3, 2), calendar))
                .isEqualTo(LocalDate.of(2026, 3, 30));
        assertThat(loaded.warnings()).contains("stage-2 has no response timescale; it never goes overdue");
    }
}
