package uk.iro.disputes.kernel.policy;

import java.time.LocalDate;
import java.util.Objects;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.calendar.WorkingDays;

/**
 * When a stage's response is due. Most procedures count working days from the day the stage opened; some
 * (Birmingham's "Day 20") count from the start of the formal process.
 */
public record Timescale(Basis basis, WorkingDays workingDays) {

    public enum Basis {
        /** The N-th working day after the stage opened. */
        WORKING_DAYS_FROM_STAGE_START,
        /** The N-th working day after the formal process started. */
        WORKING_DAY_OF_FORMAL_PROCESS
    }

    public Timescale {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(workingDays, "workingDays");
    }

    public static Timescale withinWorkingDays(int days) {
        return new Timescale(Basis.WORKING_DAYS_FROM_STAGE_START, WorkingDays.of(days));
    }

    public static Timescale byWorkingDayOfFormalProcess(int day) {
        return new Timescale(Basis.WORKING_DAY_OF_FORMAL_PROCESS, WorkingDays.of(day));
    }

    /**
     * The due date of a stage opened on {@code stageOpenedOn} of a formal process that started on
     * {@code formalStartedOn} (the same date for the first formal stage; null for an informal stage).
     */
    public LocalDate dueDate(LocalDate stageOpenedOn, LocalDate formalStartedOn, WorkingDayCalendar calendar) {
        return switch (basis) {
            case WORKING_DAYS_FROM_STAGE_START -> calendar.addWorkingDays(stageOpenedOn, workingDays);
            case WORKING_DAY_OF_FORMAL_PROCESS -> {
                LocalDate from = formalStartedOn == null ? stageOpenedOn : formalStartedOn;
                LocalDate byDay = calendar.addWorkingDays(from, workingDays);
                // A stage reached late still gets at least its opening day; never a due date in its past.
                yield byDay.isBefore(stageOpenedOn) ? stageOpenedOn : byDay;
            }
        };
    }
}
