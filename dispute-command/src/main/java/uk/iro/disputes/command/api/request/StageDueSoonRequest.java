package uk.iro.disputes.command.api.request;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;

/** Sent by the deadline-scheduler: this stage's due date is near. */
public record StageDueSoonRequest(
        @NotNull @Pattern(regexp = Patterns.STAGE_KEY, message = Patterns.STAGE_KEY_MESSAGE) String stage,
        @NotNull @PlausibleDate LocalDate dueDate) {
}
