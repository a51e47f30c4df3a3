package uk.iro.disputes.command.api.request;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import uk.iro.disputes.kernel.command.RecordChildInformed;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;

/** The child was told of the dispute: when and how. */
public record ChildInformedRequest(
        @NotNull @PlausibleDate LocalDate informedOn,
        @NotBlank @Size(max = Patterns.SHORT_TEXT) String how) {

    public RecordChildInformed toCommand(DisputeId id, StaffReference actor) {
        return new RecordChildInformed(id, informedOn, how, actor);
    }
}
