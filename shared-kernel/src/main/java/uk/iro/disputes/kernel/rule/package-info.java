/**
 * The rules of the dispute process, each named, with a stable code that the API turns into a problem type.
 * A broken rule is a {@link uk.iro.disputes.kernel.rule.DisputeRuleViolation}, never a bare exception.
 */
package uk.iro.disputes.kernel.rule;
