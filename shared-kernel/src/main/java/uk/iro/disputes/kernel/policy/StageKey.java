package uk.iro.disputes.kernel.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import uk.iro.disputes.kernel.dispute.IdentifierForm;

/** Names a stage of a policy's ladder, stable across versions of the policy (e.g. {@code stage-2}). */
public record StageKey(String value) {
    private static final int MAX_LENGTH = 40;

    /** The informal stage, where a policy has one. */
    public static final StageKey INFORMAL = new StageKey("informal");

    public StageKey {
        Objects.requireNonNull(value, "stage key");
        // [a-z0-9][a-z0-9-]{0,39}, checked without a matcher (see IdentifierForm): every stored event that opens or
        // answers a stage names one.
        if (!IdentifierForm.matchesLowerCase(value, "-", MAX_LENGTH)) {
            throw new IllegalArgumentException("stage key must be 1-40 lower-case letters, digits or hyphens");
        }
    }

    /** Serialised as the bare string, so stored events and the Kafka stream read naturally. */
    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static StageKey of(String value) {
        return new StageKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
