package uk.iro.disputes.command.api.request;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A step that needs only a reason: requesting independent legal advice, withdrawing. */
public record ReasonRequest(@NotBlank @Size(max = Patterns.TEXT) String reason) {
}
