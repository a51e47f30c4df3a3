package uk.iro.disputes.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local topology as deploy/local's scripts run it: started, read (ports, keys, database) and disturbed (an
 * instance killed, restarted with a moved clock) only through those scripts, as an operator would.
 */
final class Topology {
    static final String TOPIC = "iro.disputes.events.v1";

    final Path root;
    final Path state;
    private final String portBase;
    private Map<String, String> settings = Map.of();

    Topology() {
        root = Path.of(System.getenv().getOrDefault("IRO_REPO_ROOT", "../..")).toAbsolutePath().normalize();
        // Its own state folder and ports, so a developer's own local topology can keep running beside it.
        state = Path.of(System.getenv().getOrDefault("IRO_LOCAL_STATE",
                root.resolve("deploy/e2e/target/topology").toString()));
        portBase = System.getenv().getOrDefault("IRO_LOCAL_PORT_BASE", "28000");
    }

    void up(int instances, String database) {
        script(Duration.ofMinutes(15), "deploy/local/up.sh", "--instances", String.valueOf(instances), "--db", database,
                "--fresh");
        settings = readSettings();
    }

    void down() {
        script(Duration.ofMinutes(3), "deploy/local/down.sh");
    }

    void kill(String instance) {
        script(Duration.ofMinutes(1), "deploy/local/service.sh", "kill", instance);
    }

    void stop(String instance) {
        script(Duration.ofMinutes(2), "deploy/local/service.sh", "stop", instance);
    }

    void start(String instance, String clockOffset) {
        script(Duration.ofMinutes(10), "deploy/local/service.sh", "start", instance, "--clock-offset", clockOffset);
    }

    void restart(String instance, String clockOffset) {
        script(Duration.ofMinutes(10), "deploy/local/service.sh", "restart", instance, "--clock-offset", clockOffset);
    }

    int portBase() {
        return Integer.parseInt(settings.get("IRO_LOCAL_PORT_BASE"));
    }

    String url(String module, int instance) {
        int offset = switch (module) {
            case "dispute-command" -> 81;
            case "dispute-query" -> 82;
            case "deadline-scheduler" -> 83;
            default -> throw new IllegalArgumentException(module);
        };
        return "http://127.0.0.1:" + (portBase() + 100 * instance + offset);
    }

    String kafka() {
        return settings.get("IRO_LOCAL_KAFKA");
    }

    String issuer() {
        return settings.get("IRO_LOCAL_ISSUER");
    }

    Path privateKey() {
        return state.resolve("keys/private.pem");
    }

    Connection database() throws SQLException {
        String url = "jdbc:postgresql://" + settings.get("PGHOST") + ":" + settings.get("PGPORT") + "/"
                + settings.get("IRO_LOCAL_DB");
        return DriverManager.getConnection(url, settings.get("PGUSER"), "");
    }

    private Map<String, String> readSettings() {
        try {
            Map<String, String> values = new HashMap<>();
            for (String line : Files.readAllLines(state.resolve("topology.env"), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return values;
        } catch (IOException e) {
            throw new IllegalStateException("no topology.env under " + state, e);
        }
    }

    /** Runs one of the scripts, its output copied to ours line by line; a non-zero exit fails the test. */
    private void script(Duration limit, String... command) {
        List<String> args = new ArrayList<>(List.of("bash", root.resolve(command[0]).toString()));
        args.addAll(List.of(command).subList(1, command.length));
        ProcessBuilder builder = new ProcessBuilder(args).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("IRO_LOCAL_STATE", state.toString());
        builder.environment().put("IRO_LOCAL_PORT_BASE", portBase);
        try {
            Process process = builder.start();
            Thread copy = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    out.lines().forEach(System.out::println);
                } catch (IOException e) {
                    // the script ended
                }
            });
            copy.start();
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + limit);
            }
            copy.join(5000);
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed with exit code " + process.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
