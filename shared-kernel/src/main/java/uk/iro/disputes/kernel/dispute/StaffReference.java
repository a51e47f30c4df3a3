package uk.iro.disputes.kernel.dispute;

import java.util.Objects;

/** A member of staff by the council's staff id and the role they act in: never a name or an e-mail address. */
public record StaffReference(String staffId, Role role) {
    public StaffReference {
        Objects.requireNonNull(staffId, "staffId");
        Objects.requireNonNull(role, "role");
        if (!IdentifierForm.matches(staffId, "_.:-")) {
            throw new IllegalArgumentException("staffId must be 1-64 letters, digits or _ . : -");
        }
    }

    public static StaffReference of(String staffId, Role role) {
        return new StaffReference(staffId, role);
    }

    public boolean isSamePersonAs(StaffReference other) {
        return other != null && staffId.equals(other.staffId);
    }
}
