package uk.iro.disputes.command.api;

import java.time.LocalDate;

/** Request bodies as a council system would send them. */
public final class Requests {
    private Requests() {
    }

    /** Wakefield, formal from stage 1 (Service Manager), after consulting the IRO Team Manager. */
    public static String raiseWakefieldFormally(String caseId) {
        return """
                {"policyId":"wakefield","childCaseId":"%s","responsibleTeam":"Children in Care 2","track":"FORMAL",
                 "categories":["CARE_PLAN_DRIFT_OR_DELAY","HEALTH"],
                 "concern":"Permanence plan not progressed since the second review.",
                 "desiredOutcome":"Family finding starts within four weeks.",
                 "consultee":{"staffId":"irom-3","role":"IRO_MANAGER"}}""".formatted(caseId);
    }

    public static String respond(String stage) {
        return """
                {"stage":"%s","response":"Family finding referral made; panel date requested.",
                 "plannedActions":[{"description":"Refer to family finding","owner":{"staffId":"tm-8","role":"TEAM_MANAGER"},
                 "dueBy":"%s"}]}""".formatted(stage, LocalDate.now().plusDays(30));
    }

    public static String escalate(String from) {
        return """
                {"fromStage":"%s","reason":"The response does not address the concern."}""".formatted(from);
    }

    public static String resolve() {
        return """
                {"outcome":"RESOLVED","summary":"Plan agreed at the meeting.",
                 "agreedActions":[{"description":"Panel date set","owner":{"staffId":"sm-2","role":"SENIOR_MANAGER"},
                 "dueBy":"%s"}]}""".formatted(LocalDate.now().plusDays(20));
    }
}
