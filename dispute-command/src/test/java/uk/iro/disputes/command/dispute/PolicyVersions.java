package uk.iro.disputes.command.dispute;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import uk.iro.disputes.kernel.policy.LoadedPolicy;
import uk.iro.disputes.kernel.policy.PolicyCatalogue;
import uk.iro.disputes.kernel.policy.PolicyLoader;

/** Catalogues holding more than one version of a policy, made from the bundled files. */
final class PolicyVersions {
    private PolicyVersions() {
    }

    /** Wakefield version 1 as bundled, and a version 2 whose formal stages give ten working days instead of five. */
    static PolicyCatalogue wakefieldWithAVersionTwoOfTenDayStages() throws IOException {
        String v1;
        try (InputStream in = PolicyVersions.class.getClassLoader().getResourceAsStream("policies/wakefield.yaml")) {
            v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String v2 = v1.replaceFirst("(?m)^version: 1\\s*$", "version: 2")
                .replace("workingDays: 5 }", "workingDays: 10 }");
        if (v2.equals(v1) || !v2.contains("version: 2") || !v2.contains("workingDays: 10")) {
            throw new IllegalStateException("wakefield.yaml no longer has the shape this test rewrites");
        }
        List<LoadedPolicy> policies = new ArrayList<>(PolicyLoader.bundled());
        policies.add(PolicyLoader.load("wakefield-v2.yaml", new ByteArrayInputStream(v2.getBytes(StandardCharsets.UTF_8))));
        return new PolicyCatalogue(policies);
    }
}
