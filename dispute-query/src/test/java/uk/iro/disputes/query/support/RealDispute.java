package uk.iro.disputes.query.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.eventhandling.DomainEventMessage;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.MeetingOutcome;
import uk.iro.disputes.kernel.dispute.MonitoringNextStep;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.event.StageOverdue;
import uk.iro.disputes.kernel.event.StatutoryTimescaleBreached;
import uk.iro.disputes.kernel.policy.Consultation;
import uk.iro.disputes.kernel.policy.EscalationPolicy;
import uk.iro.disputes.kernel.policy.StageKey;
import uk.iro.disputes.kernel.state.DisputeState;
import uk.iro.disputes.kernel.state.StageState;

/**
 * One dispute driven through the real dispute-command over HTTP, as a council system would: each step is a POST
 * with the actor's token, and the events, their times and the state are read back from the event store, so a test
 * compares the query side with what the real aggregate recorded.
 *
 * <p>Time is real, so every step happens today. Two events follow only from time passing (the scheduler asks for
 * them once a due date is behind us): {@link #overdueAsIfDue()} and {@link #breachAsIfDue()} append them with the
 * test's {@link StoreWriter} onto the real stream, chained like the rest, and the real aggregate then carries on
 * from them.
 */
public final class RealDispute {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api command;
    private final EscalationPolicy policy;
    private final Function<String, List<? extends DomainEventMessage<?>>> store;
    private final StoreWriter writer;
    private String id;
    private long version = -1;
    private String team = "Team " + UUID.randomUUID().toString().substring(0, 8);
    private String childCase = "CASE-" + UUID.randomUUID().toString().substring(0, 8);
    private List<ConcernCategory> categories = List.of(ConcernCategory.HEALTH);
    private StaffReference iro = StaffReference.of("iro-" + UUID.randomUUID().toString().substring(0, 6), Role.IRO);

    public RealDispute(Api command, EscalationPolicy policy, Function<String, List<? extends DomainEventMessage<?>>> store,
            StoreWriter writer) {
        this.command = command;
        this.policy = policy;
        this.store = store;
        this.writer = writer;
    }

    // ---- set-up before raising

    public RealDispute team(String team) {
        this.team = team;
        return this;
    }

    public RealDispute child(String caseId) {
        this.childCase = caseId;
        return this;
    }

    public RealDispute categories(ConcernCategory... categories) {
        this.categories = List.of(categories);
        return this;
    }

    public RealDispute iro(StaffReference iro) {
        this.iro = iro;
        return this;
    }

    // ---- the steps, as POSTs to the command API

    public RealDispute raise(Track track) {
        return raise(track, null, null);
    }

    public RealDispute raise(Track track, StageKey startingStage, String progressRating) {
        ObjectNode body = JSON.createObjectNode()
                .put("policyId", policy.id())
                .put("childCaseId", childCase)
                .put("responsibleTeam", team)
                .put("track", track.name())
                .put("concern", "The care plan's health assessment is overdue.")
                .put("desiredOutcome", "An assessment booked within two weeks.");
        ArrayNode cats = body.putArray("categories");
        categories.forEach(c -> cats.add(c.name()));
        if (startingStage != null) {
            body.put("startingStage", startingStage.value());
        }
        if (progressRating != null) {
            body.put("progressRating", progressRating);
        }
        boolean formal = track == Track.FORMAL
                || (track == Track.IMMEDIATE_CONCERN && startingStage != null && policy.isFormal(startingStage));
        if (formal) {
            policy.formalStart().requiredConsultation().ifPresent(c -> body.set("consultee", consultee(c)));
        }
        Api.Call call = command.post("/api/v1/disputes", token(iro), body.toString());
        accepted(call, "raise");
        id = call.json().get("disputeId").asText();
        version = call.json().get("version").asLong();
        return this;
    }

    public RealDispute respond(StaffReference respondent, String response, PlannedAction... actions) {
        ObjectNode body = JSON.createObjectNode().put("stage", currentStage().value()).put("response", response);
        ArrayNode planned = body.putArray("plannedActions");
        for (PlannedAction a : actions) {
            planned.add(action(a));
        }
        return step("respond", respondent, body);
    }

    /** To the next stage ({@code to} null) or a later one; consults whoever the policy asks for. */
    public RealDispute escalate(StageKey to) {
        ObjectNode body = JSON.createObjectNode().put("fromStage", currentStage().value())
                .put("reason", "No response that meets the child's needs.");
        if (to != null) {
            body.put("toStage", to.value());
        }
        if (!state().hasFormallyStarted()) {
            policy.formalStart().requiredConsultation().ifPresent(c -> body.set("consultee", consultee(c)));
        } else if (to != null) {
            policy.bypass().requiredConsultation().ifPresent(c -> body.set("consultee", consultee(c)));
        }
        return step("escalate", iro, body);
    }

    public RealDispute extend(LocalDate newDueDate) {
        return step("extend", iro, JSON.createObjectNode().put("stage", currentStage().value())
                .put("newDueDate", newDueDate.toString())
                .put("benefitToChild", "Time for the parenting assessment to report."));
    }

    /** The current stage's assignee (or a holder of its role) acknowledges it. */
    public RealDispute acknowledge(StaffReference by) {
        return step("acknowledge", by, JSON.createObjectNode().put("stage", currentStage().value()));
    }

    public RealDispute meeting(StaffReference actor, MeetingOutcome outcome, Role... attendees) {
        ObjectNode body = JSON.createObjectNode().put("heldOn", today().toString()).put("outcome", outcome.name())
                .put("summary", "Met to agree the next steps.");
        ArrayNode roles = body.putArray("attendeeRoles");
        for (Role r : attendees) {
            roles.add(r.name());
        }
        return step("meetings", actor, body);
    }

    public RealDispute resolve(ResolutionOutcome outcome, PlannedAction... agreed) {
        ObjectNode body = JSON.createObjectNode().put("outcome", outcome.name())
                .put("summary", "Assessment booked; plan updated.");
        ArrayNode actions = body.putArray("agreedActions");
        for (PlannedAction a : agreed) {
            actions.add(action(a));
        }
        return step("resolve", iro, body);
    }

    public RealDispute monitoring(boolean achieved, MonitoringNextStep nextStep) {
        ObjectNode body = JSON.createObjectNode().put("achieved", achieved).put("notes", "Reviewed at monitoring.");
        if (nextStep != null) {
            body.put("nextStep", nextStep.name());
        }
        return step("monitoring-outcome", iro, body);
    }

    public RealDispute referToCafcass() {
        ObjectNode body = JSON.createObjectNode().put("reason", "The plan still fails the child.");
        policy.cafcass().requiredConsultation().ifPresent(c -> body.set("consultee", consultee(c)));
        return step("cafcass-referral", iro, body);
    }

    public RealDispute legalAdvice() {
        return step("legal-advice-request", iro, JSON.createObjectNode().put("reason", "Advice on the plan's legality."));
    }

    public RealDispute childInformed() {
        return step("child-informed", iro, JSON.createObjectNode().put("informedOn", today().toString())
                .put("how", "At the review meeting."));
    }

    public RealDispute withdraw() {
        return step("withdraw", iro, JSON.createObjectNode().put("reason", "The concern was raised in error."));
    }

    public RealDispute close() {
        Api.Call call = command.post("/api/v1/disputes/" + id + "/close", token(iro), null);
        accepted(call, "close");
        version = call.json().get("version").asLong();
        return this;
    }

    /**
     * StageOverdue, which the aggregate records only once the stage's due date is behind us (days away on real
     * time): appended by the test writer as the scheduler's step would record it, chained onto the real stream.
     */
    public RealDispute overdueAsIfDue() {
        StageState current = state().currentStage().orElseThrow();
        writer.append(Instant.now(), Ladder.SCHEDULER,
                List.of(new StageOverdue(state().disputeId(), current.key(), current.dueDate(), today())));
        version++;
        return this;
    }

    /** StageDueSoon, from the scheduler's real endpoint: a reminder needs only that the due date is still ahead. */
    public RealDispute remindDueSoon() {
        StageState current = state().currentStage().orElseThrow();
        ObjectNode body = JSON.createObjectNode().put("stage", current.key().value())
                .put("dueDate", current.dueDate().toString());
        Api.Call call = command.post("/internal/v1/disputes/" + id + "/stage-due-soon", token(Ladder.SCHEDULER),
                body.toString());
        accepted(call, "stage-due-soon");
        version = call.json().get("version").asLong();
        return this;
    }

    /** MonitoringMeetingOverdue, weeks away on real time like the stage's overdue: chained onto the real stream. */
    public RealDispute monitoringOverdueAsIfDue() {
        writer.append(Instant.now(), Ladder.SCHEDULER, List.of(new uk.iro.disputes.kernel.event.MonitoringMeetingOverdue(
                state().disputeId(), state().resolution().monitoringDueOn(), today())));
        version++;
        return this;
    }

    /** StatutoryTimescaleBreached, likewise weeks away on real time. */
    public RealDispute breachAsIfDue() {
        writer.append(Instant.now(), Ladder.SCHEDULER,
                List.of(new StatutoryTimescaleBreached(state().disputeId(), state().totalDueDate(), today())));
        version++;
        return this;
    }

    // ---- what the store holds

    public String idValue() {
        return id;
    }

    /** The version the last command answered. */
    public long version() {
        return version;
    }

    public List<? extends DomainEventMessage<?>> stored() {
        return store.apply(id);
    }

    public List<DisputeEvent> events() {
        return stored().stream().map(m -> (DisputeEvent) m.getPayload()).toList();
    }

    /** When each event was recorded, by sequence number: the instants as-of answers turn on. */
    public List<Instant> times() {
        return stored().stream().map(DomainEventMessage::getTimestamp).toList();
    }

    public DisputeState state() {
        return DisputeState.of(events());
    }

    public StaffReference iroRef() {
        return iro;
    }

    public String teamName() {
        return team;
    }

    public String childCase() {
        return childCase;
    }

    public EscalationPolicy policy() {
        return policy;
    }

    /** Today in Europe/London, the business date the aggregate records. */
    public static LocalDate today() {
        return LocalDate.now(Ladder.LONDON);
    }

    // ---- internals

    private StageKey currentStage() {
        return state().currentStageKey().orElseThrow(() -> new IllegalStateException("no current stage"));
    }

    private RealDispute step(String path, StaffReference actor, ObjectNode body) {
        Api.Call call = command.post("/api/v1/disputes/" + id + "/" + path, token(actor), body.toString());
        accepted(call, path);
        version = call.json().get("version").asLong();
        return this;
    }

    private static void accepted(Api.Call call, String step) {
        if (call.status() / 100 != 2) {
            throw new AssertionError("dispute-command refused " + step + ": " + call);
        }
    }

    private static ObjectNode action(PlannedAction a) {
        ObjectNode node = JSON.createObjectNode().put("description", a.description()).put("dueBy", a.dueBy().toString());
        node.putObject("owner").put("staffId", a.owner().staffId()).put("role", a.owner().role().name());
        return node;
    }

    private static ObjectNode consultee(Consultation c) {
        return JSON.createObjectNode().put("staffId", "consultee-1").put("role", c.role().name());
    }

    private static String token(StaffReference actor) {
        return TestTokens.token(actor.staffId(), actor.role());
    }
}
