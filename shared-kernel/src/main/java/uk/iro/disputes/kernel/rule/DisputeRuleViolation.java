package uk.iro.disputes.kernel.rule;

import java.util.Objects;

/** A command broke a rule of the process. The API answers 409 with a problem type naming {@link #rule()}. */
public class DisputeRuleViolation extends RuntimeException {
    private final DisputeRule rule;

    public DisputeRuleViolation(DisputeRule rule, String detail) {
        super(rule.code() + ": " + Objects.requireNonNull(detail, "detail"));
        this.rule = rule;
    }

    public DisputeRule rule() {
        return rule;
    }

    /** Fails with {@code rule} unless {@code condition} holds. */
    public static void require(boolean condition, DisputeRule rule, String detail) {
        if (!condition) {
            throw new DisputeRuleViolation(rule, detail);
        }
    }
}
