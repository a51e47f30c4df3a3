package uk.iro.disputes.command.api.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * Sent by the deadline-scheduler: many passed deadlines in one request, each recorded as its own command (see
 * {@code DeadlineBatch}). {@code stage} and {@code dueDate} are needed by the kinds that name them.
 */
public record DeadlineBatchRequest(
        @NotNull @Size(min = 1, max = MAX_DEADLINES) List<@NotNull @Valid Deadline> deadlines) {

    public static final int MAX_DEADLINES = 200;

    public record Deadline(
            @NotNull Kind kind,
            @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]{0,63}", message = "must be 1-64 letters, digits or hyphens")
            String disputeId,
            @Pattern(regexp = Patterns.STAGE_KEY, message = Patterns.STAGE_KEY_MESSAGE) String stage,
            @PlausibleDate LocalDate dueDate) {
    }

    /** The scheduler's deadlines, as the single-deadline endpoints name them. */
    public enum Kind {
        STAGE_OVERDUE, STATUTORY_TIMESCALE_BREACHED, STAGE_DUE_SOON, MONITORING_OVERDUE
    }
}
