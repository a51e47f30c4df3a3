package uk.iro.disputes.command.api.request;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** Sent by the deadline-scheduler: the monitoring meeting's date has passed with no outcome. */
public record MonitoringOverdueRequest(@NotNull @PlausibleDate LocalDate monitoringDueOn) {
}
