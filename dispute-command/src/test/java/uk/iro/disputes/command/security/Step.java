package uk.iro.disputes.command.security;

import static uk.iro.disputes.command.security.Actor.ANOTHER_IRO;
import static uk.iro.disputes.command.security.Actor.CP_CHAIR;
import static uk.iro.disputes.command.security.Actor.IRO_MANAGER;
import static uk.iro.disputes.command.security.Actor.OWN_IRO;
import static uk.iro.disputes.command.security.Actor.SENIOR_MANAGER;
import static uk.iro.disputes.command.security.Actor.SOCIAL_WORKER;
import static uk.iro.disputes.command.security.Actor.SYSTEM;
import static uk.iro.disputes.command.security.Actor.TEAM_MANAGER;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import uk.iro.disputes.command.api.Requests;
import uk.iro.disputes.kernel.dispute.Role;

/**
 * Every command endpoint, each with a fresh dispute in a state where the step can succeed, the roles the issue
 * lets attempt it, and who may actually take it. Respond and record-a-meeting appear once per way of being the
 * stage's respondent: by the stage's assignee role at a formal stage, at the informal stage, and by name.
 */
enum Step {
    RAISE("/api/v1/disputes", Gate.IRO_SIDE, "raiser-not-iro", EnumSet.of(OWN_IRO, IRO_MANAGER), true,
            s -> {
                String caseId = Scenarios.newCaseId();
                return new Prepared(null, Scenarios.raiseNamingTheOwnIro(caseId),
                        () -> s.eventsOfDisputesForCase(caseId));
            }),
    RESPOND_AT_A_FORMAL_STAGE("/api/v1/disputes/{id}/respond", Gate.RESPONDENTS, "respondent-not-assignee",
            EnumSet.of(SENIOR_MANAGER), true,
            s -> Prepared.on(s, s.wakefieldAtStageOne(), Requests.respond("stage-1"))),
    RESPOND_AT_THE_INFORMAL_STAGE("/api/v1/disputes/{id}/respond", Gate.RESPONDENTS, "respondent-not-assignee",
            EnumSet.of(SOCIAL_WORKER, TEAM_MANAGER), true,
            s -> Prepared.on(s, s.wakefieldInformal(), Requests.respond("informal"))),
    RESPOND_AS_THE_NAMED_ASSIGNEE("/api/v1/disputes/{id}/respond", Gate.RESPONDENTS, "respondent-not-assignee",
            EnumSet.of(SOCIAL_WORKER, SENIOR_MANAGER), true,
            s -> Prepared.on(s, s.wakefieldAtStageOneAssignedTo(SOCIAL_WORKER, Role.SOCIAL_WORKER),
                    Requests.respond("stage-1"))),
    ACKNOWLEDGE_A_STAGE("/api/v1/disputes/{id}/acknowledge", Gate.RESPONDENTS, "acknowledger-not-assignee",
            EnumSet.of(SENIOR_MANAGER), true,
            s -> Prepared.on(s, s.wakefieldAtStageOne(), "{\"stage\":\"stage-1\"}")),
    /** Any IRO, CP chair or IRO manager records good practice: it is not a step in someone's dispute. */
    RECORD_GOOD_PRACTICE("/api/v1/good-practice", Gate.GOOD_PRACTICE_RECORDERS, "good-practice-recorder",
            EnumSet.of(OWN_IRO, ANOTHER_IRO, CP_CHAIR, IRO_MANAGER), true,
            s -> {
                String caseId = Scenarios.newCaseId();
                return new Prepared(null, Scenarios.recordGoodPracticeBody(caseId, ""),
                        () -> s.eventsOfGoodPracticeForCase(caseId));
            }),
    /** The alert names the team manager; a senior manager may acknowledge only an alert that names nobody. */
    ACKNOWLEDGE_GOOD_PRACTICE("/api/v1/good-practice/{id}/acknowledge", Gate.GOOD_PRACTICE_ACKNOWLEDGERS,
            "good-practice-acknowledger", EnumSet.of(TEAM_MANAGER), true,
            s -> Prepared.on(s, s.goodPracticeAlert(TEAM_MANAGER), null)),
    ESCALATE("/api/v1/disputes/{id}/escalate", Gate.IRO_SIDE, "not-the-disputes-iro",
            EnumSet.of(OWN_IRO, IRO_MANAGER), true,
            s -> Prepared.on(s, s.wakefieldAtStageOne(), Requests.escalate("stage-1"))),
    EXTEND("/api/v1/disputes/{id}/extend", Gate.IRO_SIDE, "not-the-disputes-iro",
            EnumSet.of(OWN_IRO, IRO_MANAGER), true,
            s -> {
                String id = s.testLadderAtStageOne();
                return Prepared.on(s, id, """
                        {"stage":"stage-1","newDueDate":"%s"}""".formatted(s.dueDateOfCurrentStage(id).plusDays(1)));
            }),
    RECORD_MEETING_AT_A_FORMAL_STAGE("/api/v1/disputes/{id}/meetings", Gate.MEETING_PARTIES,
            "not-a-meeting-party", EnumSet.of(OWN_IRO, IRO_MANAGER, SENIOR_MANAGER), true,
            s -> Prepared.on(s, s.wakefieldAtStageOne(), Bodies.meeting())),
    RECORD_MEETING_AT_THE_INFORMAL_STAGE("/api/v1/disputes/{id}/meetings", Gate.MEETING_PARTIES,
            "not-a-meeting-party", EnumSet.of(OWN_IRO, IRO_MANAGER, SOCIAL_WORKER, TEAM_MANAGER), true,
            s -> Prepared.on(s, s.wakefieldInformal(), Bodies.meeting())),
    RECORD_MEETING_AS_THE_NAMED_ASSIGNEE("/api/v1/disputes/{id}/meetings", Gate.MEETING_PARTIES,
            "not-a-meeting-party", EnumSet.of(OWN_IRO, IRO_MANAGER, SOCIAL_WORKER, SENIOR_MANAGER), true,
            s -> Prepared.on(s, s.wakefieldAtStageOneAssignedTo(SOCIAL_WORKER, Role.SOCIAL_WORKER),
                    Bodies.meeting())),
    RESOLVE("/api/v1/disputes/{id}/resolve", Gate.IRO_SIDE, "not-the-disputes-iro",
            EnumSet.of(OWN_IRO, IRO_MANAGER), true,
            s -> Prepared.on(s, s.wakefieldAtStageOne(), Requests.resolve())),
    RECORD_MONITORING_OUTCOME("/api/v1/disputes/{id}/monitoring-outcome", Gate.IRO_SIDE, "not-the-disputes-iro",
            EnumSet.of(OWN_IRO, IRO_MANAGER), true,
            s -> Prepared.on(s, s.durhamAwaitingMonitoring(), """
                    {"achieved":true,"notes":"The agreed actions were completed."}""")),
    REFER_TO_CAFCASS("/api/v1/disputes/{id}/cafcass-referral", Gate.IRO_SIDE, "not-the-disputes-iro",
            EnumSet.of(OWN_IRO, IRO_MANAGER), true,
            s -> Prepared.on(s, s.wakefieldAtStageOne(), """
                    {"reason":"The plan has drifted for a year.",
                     "consultee":{"staffId":"irom-3","role":"IRO_MANAGER"}}""")),
    REQUEST_LEGAL_ADVICE("/api/v1/disputes/{id}/legal-advice-request", Gate.IRO_SIDE, "not-the-disputes-iro",
            EnumSet.of(OWN_IRO, IRO_MANAGER), true,
            s -> Prepared.on(s, s.wakefieldAtStageOne(), """
                    {"reason":"Independent advice on the care plan's lawfulness."}""")),
    RECORD_CHILD_INFORMED("/api/v1/disputes/{id}/child-informed", Gate.IRO_SIDE, "not-the-disputes-iro",
            EnumSet.of(OWN_IRO, IRO_MANAGER), true,
            s -> Prepared.on(s, s.wakefieldAtStageOne(), """
                    {"informedOn":"%s","how":"Told at the review by the IRO."}""".formatted(Bodies.yesterday()))),
    WITHDRAW("/api/v1/disputes/{id}/withdraw", Gate.IRO_SIDE, "not-the-disputes-iro",
            EnumSet.of(OWN_IRO, IRO_MANAGER), true,
            s -> Prepared.on(s, s.wakefieldAtStageOne(), """
                    {"reason":"The concern was addressed outside the process."}""")),
    CLOSE("/api/v1/disputes/{id}/close", Gate.IRO_SIDE, "closure-not-authorised",
            EnumSet.of(OWN_IRO, IRO_MANAGER), true,
            s -> Prepared.on(s, s.wakefieldResolved(), null)),
    /** The stage is not yet due, so SYSTEM's call is done with nothing to record: 200, no event. */
    RECORD_STAGE_OVERDUE("/internal/v1/disputes/{id}/stage-overdue", Gate.SYSTEM_ONLY, null, EnumSet.of(SYSTEM),
            false,
            s -> {
                String id = s.wakefieldAtStageOne();
                return Prepared.on(s, id, """
                        {"stage":"stage-1","dueDate":"%s"}""".formatted(s.dueDateOfCurrentStage(id)));
            }),
    /** The total timescale has not run out, so SYSTEM's call is done with nothing to record: 200, no event. */
    RECORD_STATUTORY_TIMESCALE_BREACHED("/internal/v1/disputes/{id}/statutory-timescale-breached",
            Gate.SYSTEM_ONLY, null, EnumSet.of(SYSTEM), false,
            s -> Prepared.on(s, s.wakefieldAtStageOne(), null)),
    /** The reminder is for another due date than the stage's, so SYSTEM's call is done with nothing to record. */
    RECORD_STAGE_DUE_SOON("/internal/v1/disputes/{id}/stage-due-soon", Gate.SYSTEM_ONLY, null, EnumSet.of(SYSTEM),
            false,
            s -> Prepared.on(s, s.wakefieldAtStageOne(), """
                    {"stage":"stage-1","dueDate":"2020-01-02"}""")),
    /** No monitoring meeting is outstanding, so SYSTEM's call is done with nothing to record: 200, no event. */
    RECORD_MONITORING_OVERDUE("/internal/v1/disputes/{id}/monitoring-overdue", Gate.SYSTEM_ONLY, null,
            EnumSet.of(SYSTEM), false,
            s -> Prepared.on(s, s.wakefieldAtStageOne(), """
                    {"monitoringDueOn":"2020-01-02"}""")),
    /** The stage-overdue deadline of RECORD_STAGE_OVERDUE, sent in a batch: done with nothing to record. */
    RECORD_DEADLINES("/internal/v1/deadlines", Gate.SYSTEM_ONLY, null, EnumSet.of(SYSTEM), false,
            s -> {
                String id = s.wakefieldAtStageOne();
                return Prepared.on(s, id, """
                        {"deadlines":[{"kind":"STAGE_OVERDUE","disputeId":"%s","stage":"stage-1","dueDate":"%s"}]}"""
                        .formatted(id, s.dueDateOfCurrentStage(id)));
            });

    static final String RULE_TYPE = "urn:iro-disputes:rule:";
    static final String PROBLEM_TYPE = "urn:iro-disputes:problem:";

    /** The roles the issue lets attempt a step at all; the dispute then decides about the person. */
    private static final class Gate {
        static final Set<Role> IRO_SIDE = EnumSet.of(Role.IRO, Role.IRO_MANAGER, Role.CP_CHAIR);
        static final Set<Role> GOOD_PRACTICE_RECORDERS = EnumSet.of(Role.IRO, Role.IRO_MANAGER, Role.CP_CHAIR);
        static final Set<Role> GOOD_PRACTICE_ACKNOWLEDGERS = EnumSet.of(Role.TEAM_MANAGER, Role.SENIOR_MANAGER);
        static final Set<Role> RESPONDENTS = EnumSet.of(Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SENIOR_MANAGER);
        static final Set<Role> MEETING_PARTIES = EnumSet.of(Role.IRO, Role.IRO_MANAGER, Role.CP_CHAIR, Role.SOCIAL_WORKER,
                Role.TEAM_MANAGER, Role.SENIOR_MANAGER);
        static final Set<Role> SYSTEM_ONLY = EnumSet.of(Role.SYSTEM);
    }

    private static final class Bodies {
        static String yesterday() {
            return LocalDate.now(ZoneId.of("Europe/London")).minusDays(1).toString();
        }

        static String meeting() {
            return """
                    {"heldOn":"%s","attendeeRoles":["IRO","SENIOR_MANAGER","TEAM_MANAGER"],
                     "outcome":"ACTIONS_AGREED","summary":"Minuted meeting; action plan agreed."}"""
                    .formatted(yesterday());
        }
    }

    /** A dispute ready for the step (none for raising), the body to send, and how to count its events. */
    record Prepared(String disputeId, String body, LongSupplier events) {
        static Prepared on(Scenarios scenarios, String disputeId, String body) {
            return new Prepared(disputeId, body, () -> scenarios.eventsOf(disputeId));
        }
    }

    /** What a caller must get: allowed, or refused with this status and problem type. */
    record Expected(boolean allowed, int status, String problemType) {
        static Expected allowed(int status) {
            return new Expected(true, status, null);
        }

        static Expected refused(int status, String problemType) {
            return new Expected(false, status, problemType);
        }
    }

    private final String path;
    private final Set<Role> gate;
    private final String whoActsRule;
    private final Set<Actor> allowed;
    private final boolean appendsWhenAllowed;
    private final Function<Scenarios, Prepared> prepare;

    Step(String path, Set<Role> gate, String whoActsRule, Set<Actor> allowed, boolean appendsWhenAllowed,
            Function<Scenarios, Prepared> prepare) {
        this.path = path;
        this.gate = gate;
        this.whoActsRule = whoActsRule;
        this.allowed = allowed;
        this.appendsWhenAllowed = appendsWhenAllowed;
        this.prepare = prepare;
    }

    /** The endpoint's path pattern, as the controllers map it ({id} for the dispute). */
    String pathPattern() {
        return path;
    }

    /** The path called: the dispute's own (a batch names its disputes in the body instead). */
    String pathFor(Prepared prepared) {
        return prepared.disputeId() == null ? path : path.replace("{id}", prepared.disputeId());
    }

    Prepared prepare(Scenarios scenarios) {
        return prepare.apply(scenarios);
    }

    boolean appendsWhenAllowed() {
        return appendsWhenAllowed;
    }

    /**
     * No valid token: 401. One of the allowed: success. A role the step does not admit at all: 403 from the API
     * (problem type {@code forbidden}). An admitted role, but not this person (another IRO, a respondent of
     * another stage): 403 naming the rule about who acts.
     */
    Expected expectedFor(Actor actor) {
        if (!actor.authenticates()) {
            return Expected.refused(401, PROBLEM_TYPE + "unauthenticated");
        }
        if (allowed.contains(actor)) {
            return Expected.allowed(this == RAISE || this == RECORD_GOOD_PRACTICE ? 201 : 200);
        }
        boolean admittedRole = actor.roles().stream().anyMatch(gate::contains);
        if (!admittedRole) {
            return Expected.refused(403, PROBLEM_TYPE + "forbidden");
        }
        if (whoActsRule == null) {
            throw new IllegalStateException(this + " admits " + actor + "'s role but names no rule refusing them");
        }
        return Expected.refused(403, RULE_TYPE + whoActsRule);
    }
}
