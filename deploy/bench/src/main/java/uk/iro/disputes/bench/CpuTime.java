package uk.iro.disputes.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * CPU time used by each process on the machine's shared cores between two instants, read from {@code /proc}: the
 * harness, each service, the Kafka broker and PostgreSQL (the postmaster and every backend, summed). It says what a
 * figure cost the whole machine, and in which process, which is what a goal stated against the machine's limit needs:
 * the two cores are shared by all of them.
 *
 * <p>Each process's time includes that of its children once they have exited: the harness's includes any
 * {@code jcmd} it runs to start or stop a profile, and PostgreSQL's the backends that closed in between (the
 * postmaster collects their time). The services and the broker are the harness's children too: a span in which one of them exits would
 * count its whole life in the harness's share, so no span measured with this class stops or restarts a service.
 */
final class CpuTime {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux, 100 on every kernel built for x86_64

    private final Map<String, Long> pids;
    private final Map<String, Long> start;

    private CpuTime(Map<String, Long> pids) {
        this.pids = pids;
        this.start = read();
    }

    /** Starts counting for the named processes (name to pid) and PostgreSQL's. */
    static CpuTime start(Map<String, Long> pids) {
        return new CpuTime(new LinkedHashMap<>(pids));
    }

    /** CPU seconds used since {@link #start} by each process and by PostgreSQL, in the order given. */
    Map<String, Double> since() {
        Map<String, Long> now = read();
        Map<String, Double> used = new LinkedHashMap<>();
        now.forEach((name, ticks) -> used.put(name, (ticks - start.getOrDefault(name, 0L)) / (double) TICKS_PER_SECOND));
        return used;
    }

    /** "harness 1.20, dispute-command 3.40, ... ms" for the time per unit of work (per command, per event, ...). */
    static String perUnit(Map<String, Double> seconds, double units) {
        StringJoiner joiner = new StringJoiner(", ");
        seconds.forEach((name, s) -> joiner.add(String.format(java.util.Locale.ROOT, "%s %.2f", name, s * 1000 / units)));
        return joiner.toString();
    }

    static double total(Map<String, Double> seconds) {
        return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private Map<String, Long> read() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, ticksOf(pid)));
        ticks.put("PostgreSQL", postgresTicks());
        return ticks;
    }

    private static long postgresTicks() {
        long sum = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path proc : procs) {
                try {
                    String comm = Files.readString(proc.resolve("comm")).trim();
                    if (comm.equals("postgres") || comm.startsWith("postgres:")) {
                        sum += ticksOf(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process exited while the directory was read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    /**
     * utime + stime of a process and cutime + cstime of its children that have exited (fields 14 to 17 of
     * /proc/PID/stat), or 0 if it is gone.
     */
    static long ticksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
