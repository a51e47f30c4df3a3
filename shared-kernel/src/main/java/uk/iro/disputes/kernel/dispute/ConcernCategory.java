package uk.iro.disputes.kernel.dispute;

/** What a dispute is about, as the five source procedures list it; reports count by these. */
public enum ConcernCategory {
    CARE_PLAN_DRIFT_OR_DELAY,
    STATUTORY_REQUIREMENTS_NOT_MET,
    CARE_PLAN_IMPLEMENTATION,
    SERVICES_AND_PLACEMENT,
    CHILDS_VOICE,
    REVIEW_PREPARATION,
    HEALTH,
    EDUCATION,
    FAMILY_TIME_AND_CONTACT,
    FINANCES,
    LEGAL_AND_IMMIGRATION,
    LIFE_STORY_WORK,
    OTHER
}
