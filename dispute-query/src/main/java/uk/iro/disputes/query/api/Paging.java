package uk.iro.disputes.query.api;

import java.util.Map;

/** Page number, size and sort of a list, checked: a bad value is a 400 naming the parameter. */
public record Paging(int page, int size, String orderBy) {
    public static final int MAX_SIZE = 200;
    private static final Map<String, String> SORTABLE = Map.of(
            "raisedOn", "d.raised_on",
            "dueDate", "d.current_due_date",
            "status", "d.status",
            "lastEventAt", "d.last_event_at",
            "childCaseId", "d.child_case_id",
            "team", "d.responsible_team");

    public static Paging of(Integer page, Integer size, String sort, String defaultSort) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        if (p < 0) {
            throw new FieldProblem("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new FieldProblem("size", "must be between 1 and " + MAX_SIZE);
        }
        String[] parts = (sort == null || sort.isBlank() ? defaultSort : sort).split(",");
        String column = SORTABLE.get(parts[0].trim());
        if (column == null || parts.length > 2) {
            throw new FieldProblem("sort", "must be one of " + SORTABLE.keySet().stream().sorted().toList()
                    + ", optionally followed by ,asc or ,desc");
        }
        String direction = parts.length == 2 ? parts[1].trim().toLowerCase() : "asc";
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw new FieldProblem("sort", "direction must be asc or desc");
        }
        // The id breaks ties, so pages never overlap or skip.
        return new Paging(p, s, column + " " + direction + " NULLS LAST, d.dispute_id");
    }

    public long offset() {
        return (long) page * size;
    }
}
