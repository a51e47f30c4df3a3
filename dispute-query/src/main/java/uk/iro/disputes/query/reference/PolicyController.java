package uk.iro.disputes.query.reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.iro.disputes.kernel.calendar.WorkingDayCalendar;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.policy.EscalationPolicy;
import uk.iro.disputes.kernel.policy.LoadedPolicy;
import uk.iro.disputes.kernel.policy.PolicyCatalogue;
import uk.iro.disputes.kernel.policy.PolicyRef;
import uk.iro.disputes.kernel.policy.StageKey;
import uk.iro.disputes.kernel.policy.StagePolicy;
import uk.iro.disputes.query.api.FieldProblem;
import uk.iro.disputes.query.api.QueryProblem;

/** The escalation policies this service knows, as data; no personal data, so no token is needed. */
@RestController
@RequestMapping("/api/v1/policies")
@Tag(name = "Reference data", description = "Policies and the working-day calendar; no token needed")
public class PolicyController {
    private final PolicyCatalogue policies;
    private final WorkingDayCalendar calendar;

    public PolicyController(PolicyCatalogue policies, WorkingDayCalendar calendar) {
        this.policies = policies;
        this.calendar = calendar;
    }

    @GetMapping
    @Operation(summary = "Every policy (its newest version) with the validator's warnings")
    public List<PolicySummary> list() {
        return policies.current().stream().map(PolicySummary::of).toList();
    }

    @GetMapping("/{policyId}")
    @Operation(summary = "One policy in full: its newest version, or the version asked for",
            description = "A dispute pins the version it was raised under; ?version=N shows that version.")
    public PolicyView one(@PathVariable String policyId,
            @Parameter(description = "a version of the policy; the newest when absent")
            @RequestParam(required = false) Integer version) {
        LoadedPolicy loaded = loaded(policyId, version);
        return PolicyView.of(loaded, versionsOf(policyId));
    }

    @GetMapping("/{policyId}/schedule")
    @Operation(summary = "The formal ladder's due dates from a start date, each stage escalated on its due date",
            description = "Lists the formal stages in order from fromStage (the first formal stage when absent),"
                    + " the first opening on startDate. A stage without a timescale has no due date, and neither"
                    + " do the stages after it.")
    public Map<String, Object> schedule(@PathVariable String policyId,
            @Parameter(description = "YYYY-MM-DD: the day the formal process starts") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startDate,
            @Parameter(description = "a formal stage key of the policy") @RequestParam(required = false)
            String fromStage) {
        EscalationPolicy policy = loaded(policyId, null).policy();
        ReferenceParameters.required("startDate", startDate);
        int first = 0;
        if (fromStage != null) {
            StageKey key;
            try {
                key = StageKey.of(fromStage);
            } catch (IllegalArgumentException e) {
                throw new FieldProblem("fromStage", e.getMessage());
            }
            first = policy.formalIndexOf(key);
            if (first < 0) {
                throw new FieldProblem("fromStage", "is not a formal stage of " + policy.ref() + "; one of "
                        + policy.stages().stream().map(s -> s.key().value()).toList());
            }
        }
        List<Map<String, Object>> stages = new ArrayList<>();
        LocalDate opened = startDate;
        for (StagePolicy stage : policy.stages().subList(first, policy.stages().size())) {
            LocalDate due = opened == null ? null
                    : policy.dueDateOf(stage.key(), Track.FORMAL, opened, startDate, calendar);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", stage.key().value());
            row.put("title", stage.title());
            row.put("assigneeRole", stage.assigneeRole());
            row.put("dueDate", due);
            stages.add(row);
            opened = due;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("policyId", policy.id());
        answer.put("startDate", startDate);
        answer.put("stages", stages);
        return answer;
    }

    private LoadedPolicy loaded(String policyId, Integer version) {
        List<LoadedPolicy> versions = policies.all().stream().filter(p -> p.policy().id().equals(policyId)).toList();
        if (versions.isEmpty()) {
            throw QueryProblem.notFound("policy '" + policyId + "'");
        }
        if (version == null) {
            return policies.current().stream().filter(p -> p.policy().id().equals(policyId)).findFirst().orElseThrow();
        }
        if (version < 1) {
            throw new FieldProblem("version", "must be 1 or more");
        }
        return versions.stream().filter(p -> p.policy().ref().equals(new PolicyRef(policyId, version))).findFirst()
                .orElseThrow(() -> QueryProblem.notFound("version " + version + " of policy '" + policyId + "'"));
    }

    private List<Integer> versionsOf(String policyId) {
        return policies.all().stream().map(LoadedPolicy::policy).filter(p -> p.id().equals(policyId))
                .map(EscalationPolicy::version).sorted().toList();
    }
}
