package uk.iro.disputes.kernel.goodpractice;

/** Every event of a good-practice alert's stream. Sealed so that the fold over them is checked to be complete. */
public sealed interface GoodPracticeEvent permits GoodPracticeRecorded, GoodPracticeAcknowledged {

    GoodPracticeId alertId();
}
