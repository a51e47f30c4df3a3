package uk.iro.disputes.kernel.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every loaded policy, every version of it: a dispute raised under version 1 is still decided by version 1
 * after version 2 is loaded.
 */
public final class PolicyCatalogue {
    private final Map<String, TreeMap<Integer, LoadedPolicy>> byId = new TreeMap<>();

    public PolicyCatalogue(List<LoadedPolicy> policies) {
        for (LoadedPolicy loaded : policies) {
            EscalationPolicy policy = loaded.policy();
            LoadedPolicy earlier = byId.computeIfAbsent(policy.id(), id -> new TreeMap<>())
                    .putIfAbsent(policy.version(), loaded);
            if (earlier != null) {
                throw new PolicyException(loaded.origin(), "version",
                        "policy " + policy.ref() + " is also defined in " + earlier.origin());
            }
        }
    }

    public Optional<EscalationPolicy> find(PolicyRef ref) {
        return Optional.ofNullable(byId.get(ref.id()))
                .map(versions -> versions.get(ref.version()))
                .map(LoadedPolicy::policy);
    }

    /** The newest version of a policy: the one new disputes are raised under. */
    public Optional<EscalationPolicy> latest(String id) {
        return Optional.ofNullable(byId.get(id)).map(versions -> versions.lastEntry().getValue().policy());
    }

    /** The newest version of every policy, with where it came from and the validator's warnings. */
    public List<LoadedPolicy> current() {
        List<LoadedPolicy> result = new ArrayList<>();
        byId.values().forEach(versions -> result.add(versions.lastEntry().getValue()));
        result.sort(Comparator.comparing(p -> p.policy().id()));
        return List.copyOf(result);
    }

    /** Every version of every policy. */
    public List<LoadedPolicy> all() {
        List<LoadedPolicy> result = new ArrayList<>();
        byId.values().forEach(versions -> result.addAll(versions.values()));
        return List.copyOf(result);
    }
}
