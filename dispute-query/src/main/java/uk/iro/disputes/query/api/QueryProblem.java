package uk.iro.disputes.query.api;

import java.util.Map;

/** A request the service understood but refuses: answered with this status and a problem type of this code. */
public class QueryProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final String title;
    private final Integer retryAfterSeconds;
    private final Map<String, Object> properties;

    public QueryProblem(int status, String code, String title, String detail) {
        this(status, code, title, detail, null, Map.of());
    }

    public QueryProblem(int status, String code, String title, String detail, Integer retryAfterSeconds,
            Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
        this.properties = Map.copyOf(properties);
    }

    public static QueryProblem notFound(String what) {
        return new QueryProblem(404, "not-found", "Not found", what + " does not exist, or is not visible to the caller");
    }

    public static QueryProblem forbidden(String detail) {
        return new QueryProblem(403, "forbidden", "Forbidden", detail);
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

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
