package uk.iro.disputes.kernel.dispute;

/** The Red/Amber/Green judgement on a case's progress that some informal stages record (Warwickshire). */
public enum ProgressRating {
    RED,
    AMBER,
    GREEN
}
