package uk.iro.disputes.query.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.iro.disputes.query.api.FieldProblem;

/** Reports over any period, as JSON or CSV (REPORTING, AUDITOR, IRO_MANAGER). */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports", description = "Figures for the IRO annual report and reporting teams; no free text")
@SecurityRequirement(name = "bearer")
public class ReportController {
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private final Reports reports;

    public ReportController(Reports reports) {
        this.reports = reports;
    }

    @GetMapping("/disputes")
    @Operation(summary = "Disputes over a period: raised (informal/formal, by starting stage), highest stage reached,"
            + " by category and team, resolved within the policy's and the statutory timescale, working days to"
            + " resolution (median, 90th percentile), overdue stages by stage and responder role, CAFCASS referrals,"
            + " extensions; by child status and IRO, resolved by team and IRO, repeat disputes per child, the"
            + " informal-to-formal conversion rate, calendar quarters, and good-practice alerts (never counted as"
            + " disputes)",
            description = "JSON by default; CSV with format=csv or Accept: text/csv.")
    public ResponseEntity<?> disputes(
            @Parameter(description = "first day of the period, YYYY-MM-DD") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "last day of the period, YYYY-MM-DD") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "only this responsible team") @RequestParam(required = false) String team,
            @Parameter(description = "only disputes under this policy") @RequestParam(required = false) String policyId,
            @Parameter(description = "json or csv") @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if (from == null) {
            throw new FieldProblem("from", "is required (YYYY-MM-DD)");
        }
        if (to == null) {
            throw new FieldProblem("to", "is required (YYYY-MM-DD)");
        }
        if (to.isBefore(from)) {
            throw new FieldProblem("to", "is before from");
        }
        if (from.plusYears(20).isBefore(to)) {
            throw new FieldProblem("to", "a period is at most 20 years");
        }
        boolean csv;
        if (format == null) {
            csv = accept != null && accept.contains("text/csv");
        } else if (format.equals("csv") || format.equals("json")) {
            csv = format.equals("csv");
        } else {
            throw new FieldProblem("format", "must be json or csv");
        }
        Report report = reports.report(from, to, blankToNull(team), blankToNull(policyId));
        if (csv) {
            ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(CSV);
            ReportCsv.headers(report).forEach(response::header);
            return response.body(ReportCsv.of(report));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
