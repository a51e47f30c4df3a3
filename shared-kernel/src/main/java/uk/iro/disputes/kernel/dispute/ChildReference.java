package uk.iro.disputes.kernel.dispute;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * The child, by the council's case record id only. The service never holds a child's name or date of birth:
 * the case management system that raised the dispute already does.
 */
public record ChildReference(String caseId) {
    public ChildReference {
        Objects.requireNonNull(caseId, "caseId");
        // [A-Za-z0-9][A-Za-z0-9/_.-]{0,39}, checked without a matcher (see IdentifierForm).
        if (!IdentifierForm.matches(caseId, "/_.-", 40)) {
            throw new IllegalArgumentException("child caseId must be 1-40 letters, digits or / _ . -");
        }
    }

    /** Serialised as the bare string, so stored events and the Kafka stream read naturally. */
    @JsonValue
    @Override
    public String caseId() {
        return caseId;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ChildReference of(String caseId) {
        return new ChildReference(caseId);
    }
}
