package uk.iro.disputes.standalone;

import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.IRO_MANAGER;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.iro.disputes.command.application.DisputeCommands;
import uk.iro.disputes.command.security.Caller;
import uk.iro.disputes.command.security.StepRoles;
import uk.iro.disputes.kernel.command.CloseDispute;
import uk.iro.disputes.kernel.command.Escalate;
import uk.iro.disputes.kernel.command.ExtendStageTimescale;
import uk.iro.disputes.kernel.command.RaiseDispute;
import uk.iro.disputes.kernel.command.ResolveDispute;
import uk.iro.disputes.kernel.command.RespondToStage;
import uk.iro.disputes.kernel.command.WithdrawDispute;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.ConcernCategory;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.PlannedAction;
import uk.iro.disputes.kernel.dispute.ProgressRating;
import uk.iro.disputes.kernel.dispute.ResolutionOutcome;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.policy.EscalationPolicy;
import uk.iro.disputes.kernel.policy.PolicyCatalogue;
import uk.iro.disputes.kernel.policy.StageKey;

/**
 * {@code --demo}: a small caseload across the five bundled policies, each dispute at another point of its process
 * (informal, answered, each formal stage, escalated twice, extended, immediate concern, resolved, closed, withdrawn),
 * sent through dispute-command's application service so every event is real, audited and hash-chained.
 *
 * <p>Fixed dispute ids and one Idempotency-Key per step make it load once: a second start with {@code --demo}
 * replays the remembered answers and appends nothing. The respondents' roles come from the policies.
 */
final class DemoCaseload {
    private static final Logger log = LoggerFactory.getLogger(DemoCaseload.class);
    static final String SUBJECT_IRO = "iro-demo-1";
    static final String SUBJECT_IRO_MANAGER = "irom-demo-1";
    static final List<String> IDS = List.of("demo-01", "demo-02", "demo-03", "demo-04", "demo-05", "demo-06",
            "demo-07", "demo-08", "demo-09", "demo-10", "demo-11");

    private final DisputeCommands commands;
    private final PolicyCatalogue policies;
    private final LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
    private int appended;

    DemoCaseload(DisputeCommands commands, PolicyCatalogue policies) {
        this.commands = commands;
        this.policies = policies;
    }

    /** Loads what is not loaded yet; answers how many events it appended (0 the second time). */
    int load() {
        appended = 0;
        Dispute d = dispute("demo-01", "warwickshire");
        d.raise(Track.INFORMAL, null, "CASE-D101", "Children in Care 1", Set.of(ConcernCategory.HEALTH),
                "Initial health assessment not booked since the child came into care.", ProgressRating.AMBER);

        d = dispute("demo-02", "warwickshire");
        d.raise(Track.FORMAL, null, "CASE-D102", "Children in Care 2",
                Set.of(ConcernCategory.EDUCATION, ConcernCategory.CARE_PLAN_IMPLEMENTATION),
                "Personal education plan not updated after the school move.", null);
        d.respond("stage-1");

        d = dispute("demo-03", "wakefield");
        d.raise(Track.FORMAL, null, "CASE-D103", "Looked After Children 3", Set.of(ConcernCategory.FAMILY_TIME_AND_CONTACT),
                "Sibling family time has not taken place for two months.", null);

        d = dispute("demo-04", "wakefield");
        d.raise(Track.FORMAL, null, "CASE-D104", "Looked After Children 1", Set.of(ConcernCategory.CARE_PLAN_DRIFT_OR_DELAY),
                "Permanence plan not progressed since the second review.", null);
        d.respond("stage-1");
        d.escalate("stage-1");

        d = dispute("demo-05", "birmingham");
        d.raise(Track.INFORMAL, null, "CASE-D105", "Children in Care South", Set.of(ConcernCategory.LIFE_STORY_WORK),
                "Life story work agreed at the last review has not started.", null);
        d.escalate("informal");

        d = dispute("demo-06", "birmingham");
        d.raise(Track.FORMAL, null, "CASE-D106", "Children in Care North", Set.of(ConcernCategory.SERVICES_AND_PLACEMENT),
                "Placement stability support not provided as the plan says.", null);
        d.respond("stage-1");
        d.escalate("stage-1");
        d.respond("stage-2");
        d.escalate("stage-2");

        d = dispute("demo-07", "group-manager-ladder");
        d.raise(Track.FORMAL, null, "CASE-D107", "Permanence Team", Set.of(ConcernCategory.REVIEW_PREPARATION),
                "Social worker's report not shared before the review.", null);
        d.respond("stage-1");
        d.resolve();
        d.close();

        d = dispute("demo-08", "durham");
        d.raise(Track.FORMAL, "stage-3", "CASE-D108", "Children Looked After East", Set.of(ConcernCategory.CHILDS_VOICE),
                "The child's wishes about contact are not reflected in the plan.", null);
        d.extend("stage-3", today.plusDays(21));

        d = dispute("demo-09", "durham");
        d.raise(Track.IMMEDIATE_CONCERN, null, "CASE-D109", "Children Looked After West",
                Set.of(ConcernCategory.SERVICES_AND_PLACEMENT),
                "The placement plan leaves the child without an agreed safety plan.", null);

        d = dispute("demo-10", "wakefield");
        d.raise(Track.FORMAL, null, "CASE-D110", "Looked After Children 2", Set.of(ConcernCategory.FINANCES),
                "Setting-up-home allowance not paid as agreed in the pathway plan.", null);
        d.respond("stage-1");
        d.resolve();

        d = dispute("demo-11", "group-manager-ladder");
        d.raise(Track.FORMAL, null, "CASE-D111", "Permanence Team", Set.of(ConcernCategory.LEGAL_AND_IMMIGRATION),
                "Immigration advice not sought before the review.", null);
        d.withdraw();

        log.info(appended == 0 ? "Demo caseload already loaded: nothing added"
                : "Demo caseload loaded: " + IDS.size() + " disputes, " + appended + " events");
        return appended;
    }

    /** Stands for the request's body: the same step is the same request on every start, whatever today is. */
    private static String fingerprint(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Dispute dispute(String id, String policyId) {
        return new Dispute(DisputeId.of(id), policies.latest(policyId)
                .orElseThrow(() -> new IllegalStateException("demo policy " + policyId + " is not loaded")));
    }

    /** One demo dispute; each step is one command with its own fixed Idempotency-Key. */
    private final class Dispute {
        private final DisputeId id;
        private final EscalationPolicy policy;
        private int step;

        Dispute(DisputeId id, EscalationPolicy policy) {
            this.id = id;
            this.policy = policy;
        }

        void raise(Track track, String startingStage, String caseId, String team, Set<ConcernCategory> categories,
                String concern, ProgressRating rating) {
            StaffReference consultee = StaffReference.of(SUBJECT_IRO_MANAGER, IRO_MANAGER);
            send("RaiseDispute", true, iro(), actor -> new RaiseDispute(id, policy.id(), ChildReference.of(caseId),
                    team, actor, track, startingStage == null ? null : StageKey.of(startingStage), categories, concern,
                    "A dated plan agreed with the child's social worker.", null,
                    track == Track.INFORMAL ? null : consultee, rating, null));
        }

        void respond(String stage) {
            Role role = respondentRole(stage);
            Caller respondent = new Caller(role.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-demo-1",
                    Set.of(role), "demo");
            send("RespondToStage", false, respondent, actor -> new RespondToStage(id, StageKey.of(stage), actor,
                    "Actions agreed with the team; dates set below.",
                    List.of(new PlannedAction("Complete the agreed action", actor, today.plusDays(14)))));
        }

        void escalate(String from) {
            StaffReference consultee = StaffReference.of(SUBJECT_IRO_MANAGER, IRO_MANAGER);
            send("Escalate", false, iro(), actor -> new Escalate(id, StageKey.of(from), null,
                    "The response does not address the concern.", actor, consultee, null));
        }

        void extend(String stage, LocalDate newDueDate) {
            send("ExtendStageTimescale", false, iro(), actor -> new ExtendStageTimescale(id, StageKey.of(stage),
                    newDueDate, "The child asked to be seen by the manager before the decision.", actor));
        }

        void resolve() {
            send("ResolveDispute", false, iro(), actor -> new ResolveDispute(id, ResolutionOutcome.RESOLVED,
                    "Plan agreed; actions dated.", List.of(new PlannedAction("Review progress at the next review",
                            actor, today.plusDays(28))), actor));
        }

        void close() {
            send("CloseDispute", false, iro(), actor -> new CloseDispute(id, actor));
        }

        void withdraw() {
            send("WithdrawDispute", false, iro(), actor -> new WithdrawDispute(id,
                    "The concern was met before the first response was due.", actor));
        }

        private Role respondentRole(String stage) {
            if (StageKey.INFORMAL.value().equals(stage)) {
                return policy.informal().stage().assigneeRole();
            }
            return policy.stages().stream().filter(s -> s.key().value().equals(stage)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(policy.id() + " has no " + stage)).assigneeRole();
        }

        private Caller iro() {
            return new Caller(SUBJECT_IRO, Set.of(IRO), "demo");
        }

        private void send(String name, boolean creates, Caller caller, Function<StaffReference, Object> command) {
            step++;
            String key = "demo/" + id.value() + "/" + step;
            // The roles the API would let attempt the step; the aggregate then checks the person.
            Set<Role> allowed = caller.roles().contains(IRO) ? StepRoles.IRO_SIDE : StepRoles.respondents(policies);
            var answer = commands.execute(new DisputeCommands.Request(name, id.value(), creates, caller, allowed,
                    command, null, key, fingerprint(key), UUID.randomUUID().toString()));
            if (!answer.replayed()) {
                appended += answer.result().eventsAppended();
            }
        }
    }
}
