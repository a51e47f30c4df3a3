package uk.iro.disputes.command.audit;

/** The metadata keys every stored event carries, copied from the command the API built from the caller. */
public final class AuditMetadata {
    /** The caller's subject (the token's {@code sub}). */
    public static final String SUBJECT = "subject";
    /** The role the caller acted in. */
    public static final String ROLE = "role";
    /** The calling system: the token's client id. */
    public static final String CLIENT = "client";
    /** From the caller's {@code X-Correlation-Id}, or generated; the same for every event of one request. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the command message that caused the event. */
    public static final String CAUSATION_ID = "causationId";
    /** The version the caller expected the dispute to be at ({@code If-Match}); on commands only. */
    public static final String EXPECTED_VERSION = "expectedVersion";
    /**
     * The stream a request found its target at, and that stream's version (last sequence number) read in the
     * request's transaction; on commands only, so the repository's load can stop reading once it gets there.
     */
    public static final String STREAM = "stream";
    public static final String STREAM_VERSION = "streamVersion";

    private AuditMetadata() {
    }
}
