package uk.iro.disputes.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's threads were while a figure was measured: its own Flight Recorder, asked to sample the threads
 * every {@value #PERIOD} (those running Java code, and those in native code, such as a socket read waiting for
 * PostgreSQL). Each sample that is doing our work (has a frame of ours) is attributed to the first frame outside the
 * JDK (the library it is in: PostgreSQL's driver, Jackson, Axon, ...) and to its innermost frame of ours. The shares
 * say where the work waits or burns, which is what BENCHMARKS.md needs to name a cause.
 *
 * <p>Why not thread dumps: each {@code jstack} is a JVM of its own on the same two cores, and the service stops at a
 * safepoint for every dump. One every 2 s through a rebuild took a tenth of the machine's CPU, counted as the
 * harness's, and slowed what it measured (issue 8, 30 November 2026). The recorder runs inside the service, costs it
 * about a percent, and is started and stopped with {@code jcmd}: two short JVMs, which a caller starts before its
 * measured span and stops after it.
 */
final class Sampler {
    private static final String PERIOD = "20 ms";
    private static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="bench" description="thread samples only">
              <event name="jdk.ExecutionSample"><setting name="enabled">true</setting>\
            <setting name="period">%1$s</setting></event>
              <event name="jdk.NativeMethodSample"><setting name="enabled">true</setting>\
            <setting name="period">%1$s</setting></event>
            </configuration>
            """.formatted(PERIOD);
    private final long pid;
    private final String name;
    private final Map<String, Integer> layers = new HashMap<>();
    private final Map<String, Integer> ours = new HashMap<>();
    private int stacks;
    private int samples;
    private int running;
    private String failure;
    private Path recording;

    Sampler(long pid) {
        this.pid = pid;
        this.name = "bench-" + pid + "-" + System.nanoTime();
    }

    /** Starts the service's recording; a profile that cannot start says so in its summary, and nothing fails. */
    Sampler start() {
        try {
            Path settings = Files.createTempFile("bench-sampler", ".jfc");
            Files.writeString(settings, SETTINGS, StandardCharsets.UTF_8);
            recording = Files.createTempFile("bench-sampler", ".jfr");
            jcmd("JFR.start", "name=" + name, "settings=" + settings);
            Files.deleteIfExists(settings);
        } catch (IOException | InterruptedException | RuntimeException e) {
            failure = e.toString();
        }
        return this;
    }

    /** Stops the recording and reads its samples. */
    void stop() {
        if (failure != null) {
            return;
        }
        try {
            jcmd("JFR.stop", "name=" + name, "filename=" + recording);
            for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
                String type = event.getEventType().getName();
                boolean java = type.equals("jdk.ExecutionSample");
                if ((java || type.equals("jdk.NativeMethodSample")) && event.getStackTrace() != null) {
                    take(frames(event.getStackTrace()), java);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            failure = e.toString();
        } finally {
            try {
                Files.deleteIfExists(recording);
            } catch (IOException e) {
                // a temporary file
            }
        }
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.contains("Could not")) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out.strip());
        }
    }

    /** The stack's frames, innermost first, as {@code class.method}. */
    private static List<String> frames(RecordedStackTrace trace) {
        List<String> frames = new ArrayList<>();
        for (RecordedFrame frame : trace.getFrames()) {
            if (frame.getMethod() != null && frame.getMethod().getType() != null) {
                frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
            }
        }
        return frames;
    }

    private void take(List<String> frames, boolean java) {
        if (frames.isEmpty()) {
            return;
        }
        samples++;
        String mine = frames.stream().filter(f -> f.startsWith("uk.iro.disputes.")).findFirst().orElse(null);
        // An event processor's thread counts while it works (reading the store, say) even with no frame of ours.
        boolean processor = frames.stream().anyMatch(f -> f.startsWith("org.axonframework.eventhandling."));
        if (mine == null && !processor) {
            return;
        }
        if (mine == null) {
            mine = "(event processor, no frame of ours)";
        }
        String layer = frames.stream().filter(f -> !f.startsWith("java.") && !f.startsWith("jdk.")
                && !f.startsWith("sun.")).findFirst().orElse(frames.get(0));
        stacks++;
        if (java) {
            running++;
        }
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

    /** The top entries of both breakdowns, as percentages of the samples in our work. */
    String summary(int top) {
        if (failure != null) {
            return "no profile (" + failure + ")";
        }
        if (stacks == 0) {
            return samples + " thread samples (Flight Recorder, every " + PERIOD + "), none in our work";
        }
        return f("%d thread samples (Flight Recorder, every %s), %d in our work, of which %.0f%% running Java code and"
                + " the rest in native code (a socket read, say); where they were: %s; innermost frame of ours: %s",
                samples, PERIOD, stacks, 100.0 * running / stacks, share(layers, top), share(ours, top));
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
