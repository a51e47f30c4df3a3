package uk.iro.disputes.command.api.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import uk.iro.disputes.kernel.dispute.PlannedAction;

/** An action planned or agreed: what, who owns it (staff id and role), and by when. */
public record ActionRequest(
        @NotBlank @Size(max = Patterns.TEXT) String description,
        @NotNull @Valid StaffRef owner,
        @NotNull @PlausibleDate LocalDate dueBy) {

    public PlannedAction toAction() {
        return new PlannedAction(description, owner.toReference(), dueBy);
    }
}
