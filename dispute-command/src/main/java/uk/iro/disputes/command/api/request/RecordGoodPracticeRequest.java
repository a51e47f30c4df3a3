package uk.iro.disputes.command.api.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeId;
import uk.iro.disputes.kernel.goodpractice.RecordGoodPractice;

/**
 * Good practice in a child's case, to alert a manager.
 *
 * @param relatedDisputeId the dispute it arose from, if any
 * @param manager the manager to acknowledge it (a TEAM_MANAGER or SENIOR_MANAGER); absent: any of them
 * @param description what was done well: free text, never published on the event stream
 */
public record RecordGoodPracticeRequest(
        @NotNull @Pattern(regexp = Patterns.CASE_ID, message = Patterns.CASE_ID_MESSAGE) String childCaseId,
        @NotBlank @Size(max = Patterns.SHORT_TEXT) String responsibleTeam,
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{0,63}", message = "must be a dispute id") String relatedDisputeId,
        @Valid StaffRef manager,
        @NotBlank @Size(max = Patterns.TEXT) String description) {

    public RecordGoodPractice toCommand(GoodPracticeId id, StaffReference actor) {
        return new RecordGoodPractice(id, ChildReference.of(childCaseId), responsibleTeam.strip(),
                relatedDisputeId == null ? null : DisputeId.of(relatedDisputeId), StaffRef.orNull(manager),
                description, actor);
    }
}
