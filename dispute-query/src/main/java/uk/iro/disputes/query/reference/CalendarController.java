package uk.iro.disputes.query.reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.calendar.WorkingDays;
import uk.iro.disputes.query.api.FieldProblem;

/**
 * The working-day calendar the service counts with (England and Wales bank holidays, substitute days, proclaimed
 * days, and the council's configured closure days). "Within N working days of D" is the N-th working day after D;
 * D itself never counts.
 */
@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "Reference data", description = "Policies and the working-day calendar; no token needed")
public class CalendarController {
    private final WorkingDayCalendar calendar;

    public CalendarController(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    @GetMapping("/working-days")
    @Operation(summary = "Add working days to a date, or count the working days between two dates",
            description = "?from=YYYY-MM-DD&add=N answers {from, add, date}: the N-th working day after from."
                    + " ?from=YYYY-MM-DD&to=YYYY-MM-DD answers {from, to, workingDays}: the working days d with"
                    + " from < d <= to (negative when to is before from).")
    public Map<String, Object> workingDays(
            @Parameter(description = "YYYY-MM-DD") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "working days to add, 0 or more") @RequestParam(required = false) Integer add,
            @Parameter(description = "YYYY-MM-DD") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        ReferenceParameters.required("from", from);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", from);
        if (add != null && to != null) {
            throw new FieldProblem("to", "give either add or to, not both");
        }
        if (add != null) {
            if (add < 0 || add > ReferenceParameters.MOST_WORKING_DAYS) {
                throw new FieldProblem("add", "must be between 0 and " + ReferenceParameters.MOST_WORKING_DAYS);
            }
            LocalDate date = calendar.addWorkingDays(from, WorkingDays.of(add));
            if (date.isAfter(ReferenceParameters.LATEST)) {
                throw new FieldProblem("add", "takes the date past " + ReferenceParameters.LATEST);
            }
            answer.put("add", add);
            answer.put("date", date);
            return answer;
        }
        if (to == null) {
            throw new FieldProblem("add", "give add=N (working days to add) or to=YYYY-MM-DD (a date to count to)");
        }
        ReferenceParameters.required("to", to);
        answer.put("to", to);
        answer.put("workingDays", calendar.workingDaysBetween(from, to));
        return answer;
    }
}
