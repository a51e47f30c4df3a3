package uk.iro.disputes.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A poor man's profiler: thread dumps of a service's JVM (jstack) taken while a figure is measured. Each stack that
 * is doing our work (has a frame of ours) is attributed to the first frame outside the JDK (the library it is in:
 * PostgreSQL's driver waiting for the database, Jackson, Axon, ...) and to its innermost frame of ours. The shares say
 * where the work waits or burns, which is what BENCHMARKS.md needs to name a cause.
 */
final class Sampler {
    private final long pid;
    private final Map<String, Integer> layers = new HashMap<>();
    private final Map<String, Integer> ours = new HashMap<>();
    private int stacks;
    private int dumps;
    private volatile boolean running = true;
    private Thread thread;

    Sampler(long pid) {
        this.pid = pid;
    }

    Sampler start(long intervalMillis) {
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sampler-" + pid);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(10_000);
        }
    }

    private void sample() {
        try {
            Process jstack = new ProcessBuilder("jstack", Long.toString(pid)).redirectErrorStream(true).start();
            List<String> frames = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(jstack.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("\"")) {
                        take(frames);
                        frames.clear();
                    } else if (line.trim().startsWith("at ")) {
                        frames.add(line.trim().substring(3).replaceAll("\\(.*", ""));
                    }
                }
                take(frames);
            }
            jstack.waitFor();
            synchronized (this) {
                dumps++;
            }
        } catch (Exception e) {
            running = false;
        }
    }

    private synchronized void take(List<String> frames) {
        if (frames.isEmpty()) {
            return;
        }
        String mine = frames.stream().filter(f -> f.startsWith("uk.iro.disputes.")).findFirst().orElse(null);
        // An event processor's thread counts while it works (reading the store, say) even with no frame of ours;
        // parked or sleeping, it is idle.
        String top = frames.get(0);
        boolean idle = top.endsWith(".park") || top.endsWith(".wait") || top.endsWith(".sleep")
                || top.endsWith(".wait0") || top.endsWith(".sleep0");
        boolean processor = frames.stream().anyMatch(f -> f.startsWith("org.axonframework.eventhandling."));
        if (mine == null && (!processor || idle)) {
            return;
        }
        if (mine == null) {
            mine = "(event processor, no frame of ours)";
        }
        String layer = frames.stream().filter(f -> !f.startsWith("java.") && !f.startsWith("jdk.")
                && !f.startsWith("sun.")).findFirst().orElse(frames.get(0));
        stacks++;
        layers.merge(library(layer), 1, Integer::sum);
        ours.merge(mine, 1, Integer::sum);
    }

    private static String library(String frame) {
        String[] parts = frame.split("\\.");
        if (frame.startsWith("uk.iro.disputes.")) {
            return "our code (" + parts[parts.length - 2] + "." + parts[parts.length - 1] + ")";
        }
        if (frame.startsWith("org.postgresql.") || frame.startsWith("com.zaxxer.")) {
            return "PostgreSQL driver/pool (" + parts[parts.length - 2] + "." + parts[parts.length - 1] + ")";
        }
        return parts.length > 3 ? parts[1] + " " + parts[parts.length - 2] + "." + parts[parts.length - 1] : frame;
    }

    /** The top entries of both breakdowns, as percentages of the stacks seen. */
    synchronized String summary(int top) {
        if (stacks == 0) {
            return dumps + " thread dumps, no stack in our code";
        }
        return f("%d thread dumps, %d busy stacks; where they were: %s; innermost frame of ours: %s", dumps, stacks,
                share(layers, top), share(ours, top));
    }

    private String share(Map<String, Integer> counts, int top) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .map(e -> f("%s %.0f%%", e.getKey(), 100.0 * e.getValue() / stacks))
                .collect(Collectors.joining(", "));
    }

    private static String f(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }
}
