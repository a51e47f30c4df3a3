package uk.iro.disputes.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one run, each beside its baseline from the same run, printed as a table and written as Markdown. */
final class Report {
    /** One figure: what, measured, the baseline and the ratio, the goal and whether it was met. */
    record Row(String group, String figure, String measured, String baseline, String ratio, String goal,
            String verdict) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    synchronized void add(String group, String figure, String measured, String baseline, String ratio, String goal,
            Boolean met) {
        Row row = new Row(group, figure, measured, baseline, ratio, goal,
                met == null ? "" : met ? "met" : "MISSED");
        rows.add(row);
        System.out.printf(Locale.ROOT, "%-10s | %-58s | %-22s | %-28s | %-9s | %-16s | %s%n", row.group(),
                row.figure(), row.measured(), row.baseline(), row.ratio(), row.goal(), row.verdict());
    }

    synchronized void note(String group, String text) {
        notes.merge(group, text, (a, b) -> a + "\n" + b);
        System.out.println("note [" + group + "] " + text);
    }

    static String f(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }

    void write(Path file, String header, String analysis) throws IOException {
        StringBuilder md = new StringBuilder(header);
        md.append("\n## Figures\n\n| group | figure | measured | baseline (same run) | ratio | goal | |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row row : rows) {
            md.append("| ").append(row.group()).append(" | ").append(row.figure()).append(" | ")
                    .append(row.measured()).append(" | ").append(row.baseline()).append(" | ").append(row.ratio())
                    .append(" | ").append(row.goal()).append(" | ").append(row.verdict()).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes from the run\n\n");
            notes.forEach((group, text) -> {
                for (String line : text.split("\n")) {
                    md.append("- **").append(group).append("**: ").append(line).append('\n');
                }
            });
        }
        if (analysis != null) {
            md.append('\n').append(analysis);
        }
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    }
}
