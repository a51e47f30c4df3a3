package uk.iro.disputes.kernel.rule;

/** Every rule a command can break. Codes are stable: clients and problem types depend on them. */
public enum DisputeRule {
    POLICY_UNKNOWN("policy-unknown", "There is no policy with this id."),
    TRACK_NOT_OFFERED("track-not-offered", "The policy does not offer this way into the process."),
    STAGE_UNKNOWN("stage-unknown", "The policy has no stage with this key."),
    STARTING_STAGE_NOT_CHOOSABLE("starting-stage-not-choosable",
            "The policy does not let the IRO choose where the formal process starts."),
    CONSULTATION_REQUIRED("consultation-required",
            "The policy requires the IRO to consult someone in a named role before this step."),
    PROGRESS_RATING_NOT_RECORDED("progress-rating-not-recorded",
            "The policy's informal stage records no progress rating."),
    RAISER_NOT_IRO("raiser-not-iro",
            "A dispute is raised by its IRO (or, for a child on a child-protection plan, its child-protection chair),"
                    + " or by an IRO manager naming the IRO or chair who owns it.", true),
    NOT_THE_DISPUTES_IRO("not-the-disputes-iro",
            "Only the dispute's own IRO (or child-protection chair) or an IRO manager takes this step.", true),
    POLICY_NOT_FOR_CHILD_STATUS("policy-not-for-child-status",
            "The policy does not apply to children of this status (its appliesTo)."),
    NOT_A_MEETING_PARTY("not-a-meeting-party",
            "A meeting is recorded by the dispute's IRO, an IRO manager, or the current stage's respondent.", true),
    DISPUTE_CLOSED("dispute-closed", "The record is authorised and closed: nothing can change."),
    DISPUTE_WITHDRAWN("dispute-withdrawn", "The dispute was withdrawn."),
    DISPUTE_NOT_OPEN("dispute-not-open", "The dispute is resolved; only a failed monitoring check reopens it."),
    STAGE_NOT_CURRENT("stage-not-current", "Only the dispute's current stage can be acted on."),
    STAGE_ALREADY_ANSWERED("stage-already-answered", "The current stage already has a response."),
    ACKNOWLEDGER_NOT_ASSIGNEE("acknowledger-not-assignee",
            "Only the person the stage is assigned to, or a holder of its assignee role, acknowledges it.", true),
    STAGE_ALREADY_ACKNOWLEDGED("stage-already-acknowledged", "The current stage has already been acknowledged."),
    RESPONDENT_NOT_ASSIGNEE("respondent-not-assignee",
            "Only the person the stage is assigned to, or a holder of its assignee role, can respond.", true),
    NO_STAGE_BEYOND_LAST("no-stage-beyond-last",
            "The dispute is at the last stage of the ladder: referral to CAFCASS is the way on."),
    ESCALATION_MUST_GO_UP("escalation-must-go-up", "An escalation goes to a later stage of the ladder."),
    BYPASS_NOT_ALLOWED("bypass-not-allowed", "The policy does not allow stages to be bypassed."),
    EXTENSION_NOT_ALLOWED("extension-not-allowed", "The policy does not allow a stage's timescale to be extended."),
    EXTENSION_NOT_AGREED_BY_ROLE("extension-not-agreed-by-role",
            "The policy names who may agree an extension, and this role is not among them.", true),
    EXTENSION_MUST_MOVE_LATER("extension-must-move-later", "An extension moves the due date later."),
    EXTENSION_TOO_LONG("extension-too-long", "The extension is longer than the policy allows."),
    BENEFIT_TO_CHILD_REQUIRED("benefit-to-child-required",
            "The policy requires the benefit to the child of an extension to be recorded."),
    STAGE_HAS_NO_TIMESCALE("stage-has-no-timescale", "The stage has no timescale to extend."),
    DATE_IN_FUTURE("date-in-future", "A date of something that happened cannot be in the future."),
    OUTCOME_NEEDS_CAFCASS_REFERRAL("outcome-needs-cafcass-referral",
            "A dispute is resolved as referred to CAFCASS only by referring it."),
    CAFCASS_ALREADY_REFERRED("cafcass-already-referred", "The dispute has already been referred to CAFCASS."),
    CAFCASS_ONLY_FOR_LOOKED_AFTER_CHILDREN("cafcass-only-for-looked-after-children",
            "Referral to CAFCASS is the IRO's power for a looked-after child; a child-protection dispute has none."),
    CAFCASS_ONLY_AT_LAST_STAGE("cafcass-only-at-last-stage",
            "The policy provides for referral to CAFCASS only once the last stage is reached."),
    NO_MONITORING_DUE("no-monitoring-due", "No monitoring meeting is due for this dispute."),
    MONITORING_NEXT_STEP_REQUIRED("monitoring-next-step-required",
            "A monitoring outcome of 'not achieved' must say whether to reopen or escalate."),
    MONITORING_OUTSTANDING("monitoring-outstanding",
            "The policy's monitoring meeting has not been recorded; the record cannot be closed yet."),
    DISPUTE_NOT_RESOLVED("dispute-not-resolved", "Only a resolved dispute's record can be authorised and closed."),
    GOOD_PRACTICE_RECORDER("good-practice-recorder",
            "Good practice is recorded by an IRO, a child-protection chair or an IRO manager.", true),
    GOOD_PRACTICE_ACKNOWLEDGER("good-practice-acknowledger",
            "A good-practice alert is acknowledged by the manager it names, or else by a team or senior manager.", true),
    GOOD_PRACTICE_MANAGER_NOT_A_MANAGER("good-practice-manager-not-a-manager",
            "The manager named to acknowledge good practice must be a team or senior manager."),
    GOOD_PRACTICE_ALREADY_ACKNOWLEDGED("good-practice-already-acknowledged",
            "The good-practice alert has already been acknowledged."),
    CLOSURE_NOT_AUTHORISED("closure-not-authorised",
            "The policy names who may authorise the record, and it is not this person.", true);

    private final String code;
    private final String description;
    private final boolean aboutWhoActs;

    DisputeRule(String code, String description) {
        this(code, description, false);
    }

    DisputeRule(String code, String description, boolean aboutWhoActs) {
        this.code = code;
        this.description = description;
        this.aboutWhoActs = aboutWhoActs;
    }

    /**
     * True when the rule says who may take a step rather than what step the process allows: the API answers
     * these with 403, the others with 409.
     */
    public boolean aboutWhoActs() {
        return aboutWhoActs;
    }

    /** Stable, URL-safe code: the last segment of the problem type the API answers with. */
    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
