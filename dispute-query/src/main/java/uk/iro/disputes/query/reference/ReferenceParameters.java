package uk.iro.disputes.query.reference;

import java.time.LocalDate;
import uk.iro.disputes.query.api.FieldProblem;

/** The bounds reference-data parameters must keep: answered 400 naming the parameter otherwise. */
final class ReferenceParameters {
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2199, 12, 31);
    static final int MOST_WORKING_DAYS = 5000;

    private ReferenceParameters() {
    }

    static LocalDate required(String name, LocalDate date) {
        if (date == null) {
            throw new FieldProblem(name, "is required (YYYY-MM-DD)");
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new FieldProblem(name, "must be between " + EARLIEST + " and " + LATEST);
        }
        return date;
    }
}
