package uk.iro.disputes.kernel.dispute;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identity of one dispute; its string form is the aggregate identifier and the Kafka key. */
public record DisputeId(String value) {
    public DisputeId {
        Objects.requireNonNull(value, "disputeId");
        if (!IdentifierForm.matches(value, "-")) {
            throw new IllegalArgumentException("disputeId must be 1-64 letters, digits or hyphens");
        }
    }

    public static DisputeId newId() {
        return new DisputeId(UUID.randomUUID().toString());
    }

    /** Serialised as the bare string, so stored events and the Kafka stream read naturally. */
    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DisputeId of(String value) {
        return new DisputeId(value);
    }

    /** Axon takes the identifier's string form, so it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}
