package uk.iro.disputes.command.api.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import uk.iro.disputes.kernel.command.ResolveDispute;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** Resolve the dispute: the outcome and the actions agreed. */
public record ResolveRequest(
        @NotNull ResolutionOutcome outcome,
        @NotBlank @Size(max = Patterns.LONG_TEXT) String summary,
        @Size(max = 50) List<@NotNull @Valid ActionRequest> agreedActions) {

    public ResolveDispute toCommand(DisputeId id, StaffReference actor) {
        return new ResolveDispute(id, outcome, summary,
                agreedActions == null ? List.of() : agreedActions.stream().map(ActionRequest::toAction).toList(),
                actor);
    }
}
