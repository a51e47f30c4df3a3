package uk.iro.disputes.command.dispute;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import uk.iro.disputes.kernel.rule.DisputeRule;
import uk.iro.disputes.kernel.rule.DisputeRuleViolation;

/** Matches a rejection by its rule, not its wording. */
final class Violates extends TypeSafeMatcher<DisputeRuleViolation> {
    private final DisputeRule rule;

    private Violates(DisputeRule rule) {
        this.rule = rule;
    }

    static Matcher<DisputeRuleViolation> violates(DisputeRule rule) {
        return new Violates(rule);
    }

    @Override
    protected boolean matchesSafely(DisputeRuleViolation violation) {
        return violation.rule() == rule;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a violation of " + rule.code());
    }
}
