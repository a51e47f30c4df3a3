package uk.iro.disputes.kernel.policy;

/** A policy file that cannot be used, naming the file and the field at fault. */
public class PolicyException extends RuntimeException {
    private final String origin;
    private final String field;

    public PolicyException(String origin, String field, String problem) {
        super(origin + ": " + field + ": " + problem);
        this.origin = origin;
        this.field = field;
    }

    public String origin() {
        return origin;
    }

    public String field() {
        return field;
    }
}
