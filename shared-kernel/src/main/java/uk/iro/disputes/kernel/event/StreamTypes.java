package uk.iro.disputes.kernel.event;

/**
 * The aggregate type the event store records for each kind of stream (its {@code type} column): the simple names of
 * dispute-command's aggregates, {@code Dispute} and {@code GoodPracticeAlert}. dispute-command checks a command's
 * stream is of the kind it names; dispute-query tells a dispute's stream from a good-practice alert's by it.
 */
public final class StreamTypes {
    public static final String DISPUTE = "Dispute";
    public static final String GOOD_PRACTICE_ALERT = "GoodPracticeAlert";

    private StreamTypes() {
    }
}
