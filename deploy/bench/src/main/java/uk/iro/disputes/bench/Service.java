package uk.iro.disputes.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service run as its own process from its runnable jar, as in production: time to healthy, and its memory: peak
 * RSS read from /proc; the heap in use from its GC log (the heap before each collection, where it peaks) and from its
 * own /actuator/prometheus, sampled every {@link #HEAP_SAMPLE_SECONDS} s while it runs.
 */
final class Service {
    /**
     * A scrape renders every meter the service has, and once a second it was 13% of the scheduler's CPU samples while
     * deadlines fired (issue 8, Flight Recorder): the GC log gives the peaks between scrapes for nothing.
     */
    private static final int HEAP_SAMPLE_SECONDS = 10;
    private static final Pattern GC_PAUSE = Pattern.compile("\\) (\\d+)([KMG])->\\d+[KMG]\\(\\d+[KMG]\\)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final String name;
    final int port;
    private final Path jar;
    private final Map<String, String> env;
    private final Map<String, String> extraEnv = new java.util.HashMap<>();
    private final List<String> args;
    private final Path log;
    private final String maxHeap;
    private Process process;
    volatile double startSeconds = Double.NaN;
    volatile long peakRssKb;
    volatile long peakHeapBytes;
    volatile long idleRssKb;
    volatile long idleHeapBytes;
    private Thread sampler;

    Service(String name, Path jar, int port, Map<String, String> env, List<String> args, Path logDir, String maxHeap) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.env = env;
        this.args = args;
        this.log = logDir.resolve(name + ".log");
        this.maxHeap = maxHeap;
    }

    /**
     * The jar extracted as the image extracts it ({@code extract --launcher}), into a folder next to the logs; made
     * again whenever the jar is newer than the folder.
     */
    private Path exploded() throws IOException, InterruptedException {
        Path into = log.getParent().resolve("../services/" + name).normalize();
        Path done = into.resolve(".extracted");
        if (Files.exists(done) && Files.getLastModifiedTime(done).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
            return into;
        }
        if (Files.exists(into)) {
            try (var paths = Files.walk(into)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Process extract = new ProcessBuilder("java", "-Djarmode=tools", "-jar", jar.toString(), "extract",
                "--launcher", "--destination", into.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (extract.waitFor() != 0) {
            throw new IllegalStateException("could not extract " + jar + "; see " + log);
        }
        Files.createFile(done);
        return into;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process and waits for readiness; answers the seconds from launch to healthy. */
    double start(Duration atMost) throws Exception {
        // As deploy/docker/Dockerfile runs it: the jar extracted with Spring Boot's launcher, started by JarLauncher
        // (on a quiet machine, dispute-query was healthy in 8.8-9.3 s this way, against 11.4-11.7 s with java -jar).
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + maxHeap,
                "-Daxoniq.update-checker.disabled=true",
                // One line per collection pause, to match latency tails against them.
                "-Xlog:gc:file=" + log.resolveSibling(name + "-gc.log") + ":uptime,time",
                "-cp", exploded().toString(),
                "org.springframework.boot.loader.launch.JarLauncher"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().putAll(extraEnv);
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        long started = System.nanoTime();
        process = builder.start();
        long deadline = started + atMost.toNanos();
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not healthy within " + atMost + "; see " + log);
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (Double.isNaN(startSeconds)) {
            // The figures of the first start: a restart's are its own (see restart).
            startSeconds = seconds;
            idleRssKb = rssKb("VmRSS");
            idleHeapBytes = heapUsed();
        }
        sampler = new Thread(this::sample, name + "-memory");
        sampler.setDaemon(true);
        sampler.start();
        return seconds;
    }

    /**
     * Stops the process and starts it again with these settings added to its own (replacing those of an earlier
     * restart). The start-up figures stay the first start's; the peaks are the highest of every run.
     */
    void restart(Map<String, String> settings, Duration atMost) throws Exception {
        stop();
        extraEnv.clear();
        extraEnv.putAll(settings);
        start(atMost);
    }

    private boolean ready() {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base()
                    + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && answer.body().contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void sample() {
        for (long n = 0; process.isAlive(); n++) {
            peakRssKb = Math.max(peakRssKb, rssKb("VmHWM"));
            if (n % HEAP_SAMPLE_SECONDS == 0) {
                peakHeapBytes = Math.max(peakHeapBytes, heapUsed());
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long pid() {
        return process.pid();
    }

    /** VmRSS (now) or VmHWM (peak since start) of the process, in KiB. */
    long rssKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has gone
        }
        return 0;
    }

    /** The heap in use, summed over the heap pools reported by the service's own Micrometer registry. */
    long heapUsed() {
        String text = metrics();
        long sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** One sample of a Prometheus meter (summed over its series matching the filter), NaN when absent. */
    double meter(String prefix, String filter) {
        double sum = Double.NaN;
        for (String line : metrics().split("\n")) {
            if (line.startsWith(prefix) && (filter == null || line.contains(filter))) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                sum = Double.isNaN(sum) ? value : sum + value;
            }
        }
        return sum;
    }

    String metrics() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        peakRssKb = Math.max(peakRssKb, rssKb("VmHWM"));
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (sampler != null) {
            sampler.interrupt();
        }
        peakHeapBytes = Math.max(peakHeapBytes, peakBeforeCollection());
    }

    /** The most heap in use before any collection in this run's GC log (a restart starts a new log). */
    long peakBeforeCollection() {
        long peak = 0;
        try {
            for (String line : Files.readAllLines(log.resolveSibling(name + "-gc.log"))) {
                Matcher m = GC_PAUSE.matcher(line);
                if (line.contains("Pause") && m.find()) {
                    long shift = switch (m.group(2)) {
                        case "K" -> 10;
                        case "M" -> 20;
                        default -> 30;
                    };
                    peak = Math.max(peak, Long.parseLong(m.group(1)) << shift);
                }
            }
        } catch (IOException e) {
            // no log: the samples stand
        }
        return peak;
    }

    boolean running() {
        return process != null && process.isAlive();
    }
}
