package uk.iro.disputes.command.application;

/** A request the service refuses before or after it reaches the aggregate, with the HTTP status it deserves. */
public class CommandRejected extends RuntimeException {
    private final int status;
    private final String code;
    private final String title;

    public CommandRejected(int status, String code, String title, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public static CommandRejected notFound(String disputeId) {
        return new CommandRejected(404, "dispute-not-found", "Dispute not found", "no dispute '" + disputeId + "'");
    }

    public static CommandRejected alertNotFound(String alertId) {
        return new CommandRejected(404, "good-practice-not-found", "Good-practice alert not found",
                "no good-practice alert '" + alertId + "'");
    }

    public static CommandRejected stale(long expected, long actual) {
        return new CommandRejected(412, "version-mismatch", "Precondition failed",
                "If-Match names version " + expected + " but the dispute is at version " + actual);
    }

    public static CommandRejected concurrentChange() {
        return new CommandRejected(409, "concurrent-change", "Concurrent change",
                "another command changed the dispute at the same moment; read its version and try again");
    }

    public static CommandRejected keyReused() {
        return new CommandRejected(422, "idempotency-key-reused", "Idempotency-Key reused",
                "this Idempotency-Key was used for a different request");
    }

    public static CommandRejected forbidden(String detail) {
        return new CommandRejected(403, "forbidden", "Forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
