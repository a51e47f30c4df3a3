package uk.iro.disputes.query.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real dispute-command, started once for the whole test run as a child JVM from its runnable jar, on a free
 * port, against the tests' database, trusting {@link TestTokens}, on real time. The tests drive it over HTTP as a
 * council system would, so the events the query service projects are the ones the real aggregate records. Stopped
 * when the test run ends ({@link StopCommandService}), and by a shutdown hook should the JVM end otherwise.
 */
public final class CommandService {
    /** Where the reactor build leaves the runnable jar (set by the surefire configuration in the pom). */
    static final String JAR_PROPERTY = "iro.command.exec-jar";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static volatile CommandService running;

    private final Process process;
    private final int port;
    private final Path log;

    private CommandService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The running command service, started on first use. */
    public static synchronized CommandService instance() {
        if (running == null || !running.process.isAlive()) {
            running = start();
        }
        return running;
    }

    /** Starts it on another thread, so that it comes up while the query service's context does. */
    public static void startInBackground() {
        Thread starter = new Thread(() -> {
            try {
                instance();
            } catch (RuntimeException e) {
                // The first test that needs it calls instance() again and reports why it cannot start.
            }
        }, "start-dispute-command");
        starter.setDaemon(true);
        starter.start();
    }

    /** Stops the child JVM if this test run started one. */
    public static synchronized void stopIfStarted() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    public int port() {
        return port;
    }

    public Api api() {
        return new Api(port);
    }

    private static CommandService start() {
        Path jar = requireJar(Path.of(System.getProperty(JAR_PROPERTY,
                "../dispute-command/target/dispute-command-0.1.0-SNAPSHOT-exec.jar")));
        int port = freePort();
        Path log = Path.of("target", "dispute-command-child.log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Daxoniq.update-checker.disabled=true",
                    "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            // Nothing inherited may point it elsewhere: no Kafka, no other database, no fixed clock.
            env.keySet().removeIf(k -> k.startsWith("IRO_") || k.startsWith("SPRING_"));
            env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            env.put("SERVER_PORT", Integer.toString(port));
            env.put("IRO_DB_URL", CommandSchema.URL + "?currentSchema=disputes_command");
            env.put("IRO_DB_USER", CommandSchema.USER);
            env.put("IRO_DB_POOL_SIZE", "5");
            env.put("IRO_JWT_PUBLIC_KEY", TestTokens.publicKeyPem());
            env.put("IRO_JWT_ISSUER", TestTokens.ISSUER);
            env.put("IRO_SHUTDOWN_TIMEOUT", "5s");
            Process process = builder.start();
            CommandService service = new CommandService(process, port, log);
            Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "stop-dispute-command"));
            service.awaitReady();
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("could not start dispute-command from " + jar, e);
        }
    }

    /** The runnable jar, or an error that says how to build it. */
    static Path requireJar(Path path) {
        Path jar = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("dispute-command's runnable jar " + jar + " is missing: these tests drive "
                    + "the real command service. Build it in the same reactor, e.g. "
                    + "./mvnw -pl shared-kernel,dispute-command,dispute-query verify");
        }
        return jar;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dispute-command exited with " + process.exitValue()
                        + " while starting:\n" + tail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(250);
        }
        stop();
        throw new IllegalStateException("dispute-command was not ready within " + START_TIMEOUT + ":\n" + tail());
    }

    /** Graceful stop (SIGTERM), forced after 20 s. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
