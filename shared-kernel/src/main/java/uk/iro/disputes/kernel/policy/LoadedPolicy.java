package uk.iro.disputes.kernel.policy;

import java.util.List;
import java.util.Objects;

/**
 * A policy as loaded: where it came from (file or classpath resource) and what the validator warns about it —
 * the inconsistencies the source documents really have, reported rather than hidden.
 */
public record LoadedPolicy(EscalationPolicy policy, String origin, List<String> warnings) {
    public LoadedPolicy {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(origin, "origin");
        warnings = List.copyOf(warnings);
    }
}
