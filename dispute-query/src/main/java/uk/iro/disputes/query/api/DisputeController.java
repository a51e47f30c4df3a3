package uk.iro.disputes.query.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.iro.disputes.kernel.calendar.BusinessDate;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeStatus;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.policy.EscalationPolicy;
import uk.iro.disputes.kernel.policy.PolicyCatalogue;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.query.asof.DisputeAsOf;
import uk.iro.disputes.query.security.Caller;
import uk.iro.disputes.query.security.DisputeAccess;
import uk.iro.disputes.query.security.SecurityProperties;

/** Disputes as the read model holds them, limited to what the caller may see. */
@RestController
@RequestMapping("/api/v1/disputes")
@Tag(name = "Disputes", description = "Disputes as they stand; lists, one dispute, what waits on the caller")
@SecurityRequirement(name = "bearer")
public class DisputeController {
    private final DisputeFinder finder;
    private final PolicyCatalogue policies;
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final SecurityProperties security;
    private final DisputeAsOf asOfs;
    private final java.time.Duration minVersionWait;

    public DisputeController(DisputeFinder finder, PolicyCatalogue policies, WorkingDayCalendar calendar, Clock clock,
            SecurityProperties security, DisputeAsOf asOfs,
            @org.springframework.beans.factory.annotation.Value("${iro.query.min-version-wait:5s}")
            java.time.Duration minVersionWait) {
        this.asOfs = asOfs;
        this.minVersionWait = minVersionWait;
        this.finder = finder;
        this.policies = policies;
        this.calendar = calendar;
        this.clock = clock;
        this.security = security;
    }

    @GetMapping
    @Operation(summary = "Disputes the caller may see, filtered, paged and sorted",
            description = "Filters are ANDed. overdue=true: open, the current stage unanswered past its due date"
                    + " (Europe/London). sort: raisedOn, dueDate, status, lastEventAt, childCaseId or team,"
                    + " optionally ,asc or ,desc.")
    public Page<DisputeSummary> list(
            @RequestParam(required = false) DisputeStatus status,
            @Parameter(description = "the current stage's key") @RequestParam(required = false) String stage,
            @Parameter(description = "the IRO's staff id") @RequestParam(required = false) String iro,
            @RequestParam(required = false) Role assigneeRole,
            @Parameter(description = "the responsible team") @RequestParam(required = false) String team,
            @RequestParam(required = false) String childCaseId,
            @RequestParam(required = false) ConcernCategory category,
            @RequestParam(required = false) Boolean overdue,
            @Parameter(description = "true: open disputes whose current stage is neither answered nor acknowledged"
                    + " (the acknowledgement audit's list); false: the others")
            @RequestParam(required = false) Boolean unacknowledged,
            @Parameter(description = "LOOKED_AFTER or CHILD_PROTECTION")
            @RequestParam(required = false) uk.iro.disputes.kernel.dispute.ChildStatus childStatus,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate raisedFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate raisedTo,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String sort,
            @Parameter(description = "AUDITOR only: the caseload as it stood at this instant, from validity"
                    + " intervals; filters apply to the disputes as they were then")
            @RequestParam(required = false) Instant asOf) {
        DisputeFilter filter = new DisputeFilter(status, stage, iro, assigneeRole, team, childCaseId, category, overdue,
                raisedFrom, raisedTo, unacknowledged, childStatus);
        Paging paging = Paging.of(page, size, sort, "raisedOn,desc");
        Caller caller = caller();
        if (asOf != null) {
            DisputeAccess.requireAuditor(caller, "The caseload at a past instant");
            requireNotFuture(asOf);
            return finder.listAsOf(filter, paging, caller, asOf);
        }
        return finder.list(filter, paging, caller, today());
    }

    private void requireNotFuture(Instant asOf) {
        if (asOf.isAfter(clock.instant())) {
            throw new FieldProblem("asOf", "is in the future");
        }
    }

    @GetMapping("/awaiting-me")
    @Operation(summary = "Open disputes whose current stage waits on the caller (their name, role or team)",
            description = "For an IRO, also their disputes whose stage has been answered and waits on them to"
                    + " resolve or escalate. Sorted by due date, soonest first, unless sort says otherwise.")
    public Page<DisputeSummary> awaitingMe(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
        return finder.awaiting(caller(), Paging.of(page, size, sort, "dueDate,asc"), today());
    }

    @GetMapping("/{disputeId}")
    @Operation(summary = "One dispute: its current stage and due date, the ladder so far, responses, actions,"
            + " meetings, CAFCASS and legal-advice flags, the policy",
            description = "With asOf (AUDITOR only): the dispute exactly as it stood at that instant, folded from"
                    + " the events stored up to it; days are counted on that instant's date in Europe/London.")
    public DisputeView one(@PathVariable String disputeId,
            @Parameter(description = "an instant, e.g. 2026-03-02T09:30:00Z") @RequestParam(required = false)
            Instant asOf,
            @Parameter(description = "read-your-writes: the version the command API answered; the request waits"
                    + " (boundedly) until the read model has reached it, else 503 with Retry-After")
            @RequestParam(required = false) Long minVersion) {
        Caller caller = caller();
        if (minVersion != null) {
            awaitVersion(disputeId, minVersion);
        }
        if (asOf != null) {
            DisputeAccess.requireAuditor(caller, "A point-in-time view");
            requireNotFuture(asOf);
            DisputeState state = asOfs.at(disputeId, asOf)
                    .orElseThrow(() -> QueryProblem.notFound("dispute " + disputeId + " as of " + asOf));
            return view(state, LocalDate.ofInstant(asOf, BusinessDate.LONDON), asOf);
        }
        DisputeState state = finder.state(disputeId, caller)
                .orElseThrow(() -> QueryProblem.notFound("dispute " + disputeId));
        return view(state, today(), null);
    }

    private void awaitVersion(String disputeId, long minVersion) {
        if (minVersion < 0) {
            throw new FieldProblem("minVersion", "must be 0 or more");
        }
        long deadline = System.nanoTime() + minVersionWait.toNanos();
        long projected = finder.projectedVersion(disputeId);
        while (projected < minVersion && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            projected = finder.projectedVersion(disputeId);
        }
        if (projected < minVersion) {
            throw new QueryProblem(503, "projection-behind", "Not projected yet",
                    "The read model has not reached version " + minVersion + " of dispute " + disputeId
                            + " yet; retry shortly.", 1,
                    java.util.Map.of("minVersion", minVersion, "projectedVersion", projected));
        }
    }

    DisputeView view(DisputeState state, LocalDate today, Instant asOf) {
        String title = policies.find(state.policy()).map(EscalationPolicy::title).orElse(null);
        return DisputeView.of(state, title, today, asOf, calendar);
    }

    private Caller caller() {
        return Caller.current(security);
    }

    private LocalDate today() {
        return BusinessDate.today(clock);
    }
}
