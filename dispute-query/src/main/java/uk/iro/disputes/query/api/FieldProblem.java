package uk.iro.disputes.query.api;

/** A request value that is malformed: answered 400, naming the field (or header). */
public class FieldProblem extends RuntimeException {
    private final String field;

    public FieldProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
