package uk.iro.disputes.kernel.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.policy.PolicyRef;
import uk.iro.disputes.kernel.policy.StageKey;

class ValueTypesTest {

    @Test
    void aDisputeIdIsItsOwnStringFormSoAxonAndKafkaKeysAreClean() {
        assertThat(DisputeId.of("d-42").toString()).isEqualTo("d-42");
        assertThat(DisputeId.newId().value()).hasSize(36);
        assertThatThrownBy(() -> DisputeId.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DisputeId.of("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DisputeId.of("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChildIsACaseRecordIdNeverANameWithSpaces() {
        assertThat(ChildReference.of("LAC/2026/0042").caseId()).isEqualTo("LAC/2026/0042");
        assertThatThrownBy(() -> ChildReference.of("Jane Smith")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChildReference.of("x".repeat(41))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void staffAreReferencedByIdAndRoleNeverByEmail() {
        assertThat(StaffReference.of("tm-8", Role.TEAM_MANAGER).isSamePersonAs(StaffReference.of("tm-8", Role.IRO)))
                .isTrue();
        assertThatThrownBy(() -> StaffReference.of("someone@council.example", Role.IRO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StaffReference.of("tm-8", null)).isInstanceOf(NullPointerException.class);
    }

    /**
     * The forms are checked character by character, not with a matcher (issue 8): every string of up to three of
     * these characters, and strings at and around each form's length limit, are taken or refused exactly as the
     * regular expression each form is documented with says.
     */
    @Test
    void theFormsAreCheckedAsTheirRegularExpressionsSay() {
        Pattern childForm = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}");
        Pattern stageForm = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
        Pattern disputeForm = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
        String alphabet = "aZ09-/_. @:\u00e9\u2603";
        List<String> candidates = new ArrayList<>(List.of(""));
        for (int length = 1; length <= 3; length++) {
            for (String shorter : List.copyOf(candidates)) {
                if (shorter.length() == length - 1) {
                    alphabet.chars().forEach(c -> candidates.add(shorter + (char) c));
                }
            }
        }
        for (int length : new int[] {39, 40, 41, 63, 64, 65}) {
            candidates.add("a".repeat(length));
            candidates.add("a" + "-".repeat(length - 1));
            candidates.add("-" + "a".repeat(length - 1));
            candidates.add("a".repeat(length - 1) + "A");
            candidates.add("a".repeat(length - 1) + "/");
        }
        for (String value : candidates) {
            assertThat(accepts(() -> ChildReference.of(value))).as("child %s", value)
                    .isEqualTo(childForm.matcher(value).matches());
            assertThat(accepts(() -> StageKey.of(value))).as("stage %s", value)
                    .isEqualTo(stageForm.matcher(value).matches());
            assertThat(accepts(() -> DisputeId.of(value))).as("dispute %s", value)
                    .isEqualTo(disputeForm.matcher(value).matches());
        }
        assertThat(candidates).hasSizeGreaterThan(1_000);
    }

    private static boolean accepts(Runnable make) {
        try {
            make.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void stageKeysAndPolicyRefsAreWellFormed() {
        assertThat(StageKey.of("stage-3").toString()).isEqualTo("stage-3");
        assertThatThrownBy(() -> StageKey.of("Stage 3")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PolicyRef("durham", 2).toString()).isEqualTo("durham@2");
        assertThatThrownBy(() -> new PolicyRef("durham", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
