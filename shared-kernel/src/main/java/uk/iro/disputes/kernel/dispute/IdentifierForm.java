package uk.iro.disputes.kernel.dispute;

/**
 * The form the council's identifiers take here: 1 to 64 ASCII letters, digits and some punctuation, beginning with a
 * letter or a digit. Checked character by character rather than with a regular expression: every stored event names
 * its dispute and staff, and a matcher per identifier was about a tenth of reading a stored event back (issue 8,
 * the rebuild's profile).
 */
public final class IdentifierForm {
    static final int MAX_LENGTH = 64;

    private IdentifierForm() {
    }

    /** Whether {@code value} has the form, with {@code punctuation} the characters allowed after the first. */
    static boolean matches(String value, String punctuation) {
        return matches(value, punctuation, MAX_LENGTH);
    }

    /** As {@link #matches(String, String)}, at most {@code maxLength} characters long. */
    public static boolean matches(String value, String punctuation, int maxLength) {
        return matches(value, punctuation, maxLength, true);
    }

    /** As {@link #matches(String, String, int)}, with lower-case letters only. */
    public static boolean matchesLowerCase(String value, String punctuation, int maxLength) {
        return matches(value, punctuation, maxLength, false);
    }

    private static boolean matches(String value, String punctuation, int maxLength, boolean upperCase) {
        int length = value.length();
        if (length == 0 || length > maxLength) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || (upperCase && c >= 'A' && c <= 'Z');
            if (!letterOrDigit && (i == 0 || punctuation.indexOf(c) < 0)) {
                return false;
            }
        }
        return true;
    }
}
