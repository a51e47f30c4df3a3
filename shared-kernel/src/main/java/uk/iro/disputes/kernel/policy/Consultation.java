package uk.iro.disputes.kernel.policy;

import java.util.Objects;
import uk.iro.disputes.kernel.dispute.Role;

/** Someone the IRO must consult before a step (Wakefield: the IRO Team Manager before bypassing a stage). */
public record Consultation(Role role, String position) {
    public Consultation {
        Objects.requireNonNull(role, "consultation role");
        Objects.requireNonNull(position, "consultation position");
    }
}
