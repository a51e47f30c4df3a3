package uk.iro.disputes.kernel.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IdentifierFormTest {
    /** The forms as they were written when they were regular expressions: the check by hand must agree with them. */
    private static final Pattern DISPUTE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final Pattern STAFF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    @Test
    void agreesWithTheRegularExpressionsOnEdgesAndOnRandomStrings() {
        List<String> values = new ArrayList<>(List.of("", "a", "Z", "0", "-", "-a", "a-", "_a", "a_", "a.b:c-d_e",
                "x".repeat(64), "x".repeat(65), "9" + "-".repeat(63), "9" + "-".repeat(64), "é", "aé", "a b", "a\n",
                "a@b", "ａ", "a/b", "3f2a9c1e-8d7b-4c6a-9e5f-0a1b2c3d4e5f"));
        // Half from characters either form may allow, so that many match; half with others mixed in.
        String allowed = "aZ09-_.:";
        String any = allowed + "@ /é\t`{[";
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            String alphabet = i % 2 == 0 ? allowed : any;
            int length = random.nextInt(68);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(s.toString());
        }
        for (String value : values) {
            assertThat(IdentifierForm.matches(value, "-")).as("dispute id %s", value)
                    .isEqualTo(DISPUTE.matcher(value).matches());
            assertThat(IdentifierForm.matches(value, "_.:-")).as("staff id %s", value)
                    .isEqualTo(STAFF.matcher(value).matches());
        }
    }
}
