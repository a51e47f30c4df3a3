package uk.iro.disputes.kernel.dispute;

import java.time.LocalDate;
import java.util.Objects;

/** An action a respondent commits to, or one agreed at resolution: what, who owns it, and by when. */
public record PlannedAction(String description, StaffReference owner, LocalDate dueBy) {
    public PlannedAction {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(dueBy, "dueBy");
    }
}
