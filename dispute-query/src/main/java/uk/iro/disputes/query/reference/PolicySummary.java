package uk.iro.disputes.query.reference;

import java.util.List;
import uk.iro.disputes.kernel.policy.LoadedPolicy;

/** A policy in the list: what it is, which document it encodes, and what the validator warns about it. */
public record PolicySummary(String id, int version, String source, String title, List<String> warnings) {

    static PolicySummary of(LoadedPolicy loaded) {
        var p = loaded.policy();
        return new PolicySummary(p.id(), p.version(), p.source(), p.title(), loaded.warnings());
    }
}
