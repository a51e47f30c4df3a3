package uk.iro.disputes.kernel.policy;

import java.util.Objects;

/** The policy a dispute was raised under, pinned for its whole life. */
public record PolicyRef(String id, int version) {
    public PolicyRef {
        Objects.requireNonNull(id, "policy id");
        if (version < 1) {
            throw new IllegalArgumentException("policy version must be 1 or more");
        }
    }

    @Override
    public String toString() {
        return id + "@" + version;
    }
}
