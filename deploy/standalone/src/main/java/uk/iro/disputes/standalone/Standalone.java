package uk.iro.disputes.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import uk.iro.disputes.command.DisputeCommandApplication;
import uk.iro.disputes.command.application.DisputeCommands;
import uk.iro.disputes.command.security.DevTokens;
import uk.iro.disputes.kernel.policy.PolicyCatalogue;
import uk.iro.disputes.query.DisputeQueryApplication;
import uk.iro.disputes.scheduler.DeadlineSchedulerApplication;
import uk.iro.disputes.scheduler.command.CommandPort;

/**
 * The whole service in one JVM: dispute-command, dispute-query and deadline-scheduler each start as their own
 * Spring application on a loopback port of their own, the scheduler sending its commands in-process, and a front
 * door on port 8080 forwards each request to the one that owns it. The database is an embedded PostgreSQL kept in
 * a local folder unless IRO_DB_URL names one; Kafka publishing stays off unless IRO_KAFKA_BOOTSTRAP_SERVERS is set.
 *
 * <pre>
 * java -jar standalone-exec.jar [--demo] [--server.port=8080] [--data-dir=./iro-data] [--any.service.setting=value]
 * java -jar standalone-exec.jar mint-token --subject iro-17 --role IRO
 * </pre>
 */
public final class Standalone implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Standalone.class);
    static final String DEV_KEY = "classpath:dev/dev-jwt-public.pem";

    private final Settings settings;
    private final Clock clock;
    private int demoEventsAppended;
    private LocalPostgres postgres;
    private ConfigurableApplicationContext command;
    private ConfigurableApplicationContext query;
    private ConfigurableApplicationContext scheduler;
    private FrontDoor front;
    private volatile boolean closed;

    private Standalone(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public static void main(String[] args) {
        if (DevTokens.runFromCommandLine(args)) {
            return;
        }
        System.setProperty("axoniq.update-checker.disabled", "true");
        Standalone standalone = new Standalone(Settings.of(args), null);
        // Registered first, so Ctrl-C while starting still stops the database cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(standalone::close, "standalone-shutdown"));
        try {
            standalone.run();
        } catch (RuntimeException | Error e) {
            standalone.close();
            throw e;
        }
    }

    /** Starts everything; the caller closes it (main closes it from a shutdown hook). */
    public static Standalone start(String... args) {
        return start(null, args);
    }

    /** @param clock every service's clock instead of their own system clocks (tests move time), or null */
    static Standalone start(Clock clock, String... args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Standalone standalone = new Standalone(Settings.of(args), clock);
        try {
            standalone.run();
            return standalone;
        } catch (RuntimeException | Error e) {
            standalone.close();
            throw e;
        }
    }

    private void run() {
        long started = System.nanoTime();
        String databaseUrl;
        String user;
        String password;
        Optional<String> external = settings.value("db-url", "IRO_DB_URL");
        if (external.isPresent()) {
            databaseUrl = external.get();
            user = settings.value("db-user", "IRO_DB_USER").orElse("postgres");
            password = settings.value("db-password", "IRO_DB_PASSWORD").orElse("");
            log.info("Using the PostgreSQL at {}", withoutParameters(databaseUrl));
        } else {
            Path folder = Path.of(settings.value("data-dir", "IRO_DATA_DIR").orElse("iro-data"));
            postgres = LocalPostgres.start(folder);
            databaseUrl = postgres.jdbcUrl();
            user = LocalPostgres.USER;
            password = "";
        }
        List<String> jwt = jwtSettings();

        command = new SpringApplicationBuilder(DisputeCommandApplication.class).main(DisputeCommandApplication.class)
                .bannerMode(Banner.Mode.OFF).registerShutdownHook(false).initializers(this::useClock)
                .run(childArgs("dispute-command", withSchema(databaseUrl, "disputes_command"), user, password, 10,
                        jwt, List.of("--server.forward-headers-strategy=framework")));
        CommandPort inProcess = new InProcessCommandPort(command.getBean(DisputeCommands.class));
        query = new SpringApplicationBuilder(DisputeQueryApplication.class).main(DisputeQueryApplication.class)
                .bannerMode(Banner.Mode.OFF).registerShutdownHook(false).initializers(this::useClock)
                .run(childArgs("dispute-query", withSchema(databaseUrl, "disputes_query"), user, password, 6, jwt,
                        List.of("--server.forward-headers-strategy=framework")));
        scheduler = new SpringApplicationBuilder(DeadlineSchedulerApplication.class).main(DeadlineSchedulerApplication.class)
                .bannerMode(Banner.Mode.OFF).registerShutdownHook(false).initializers(this::useClock)
                .initializers(context -> context.getBeanFactory().registerSingleton("inProcessCommandPort", inProcess))
                .run(childArgs("deadline-scheduler", withSchema(databaseUrl, "disputes_scheduler"), user, password, 4,
                        List.of(), List.of(
                                // Only health and metrics on loopback: no users, no login page.
                                "--spring.autoconfigure.exclude="
                                        + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
                                        + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
                                        + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
                                        + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
                                        + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration,"
                                        + "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration")));

        if (settings.flag("demo")) {
            demoEventsAppended = new DemoCaseload(command.getBean(DisputeCommands.class),
                    command.getBean(PolicyCatalogue.class)).load();
        }
        try {
            front = new FrontDoor(settings.value("server.address", "SERVER_ADDRESS").orElse(null),
                    Integer.parseInt(settings.value("server.port", "SERVER_PORT").orElse("8080")),
                    URI.create("http://127.0.0.1:" + localPort(command)),
                    URI.create("http://127.0.0.1:" + localPort(query)), this::health);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the front door's port", e);
        }
        log.info("IRO disputes standalone is up in {} s on http://localhost:{}/ (Swagger UI: /swagger-ui.html, health:"
                + " /actuator/health)", (System.nanoTime() - started) / 1_000_000_000, front.port());
    }

    private void useClock(ConfigurableApplicationContext context) {
        if (clock != null) {
            ((GenericApplicationContext) context).registerBean("standaloneClock", Clock.class, () -> clock,
                    definition -> definition.setPrimary(true));
        }
    }

    /** With no key configured, trust only the bundled development key, and say so loudly. */
    private List<String> jwtSettings() {
        boolean configured = settings.value("iro.security.jwt.public-key", "IRO_JWT_PUBLIC_KEY").isPresent()
                || settings.value("iro.security.jwt.jwk-set-uri", "IRO_JWT_JWK_SET_URI").isPresent();
        if (configured) {
            return List.of();
        }
        log.warn("No IRO_JWT_PUBLIC_KEY or IRO_JWT_JWK_SET_URI: trusting ONLY the bundled DEVELOPMENT key (issuer"
                + " iro-dev). Anyone holding this jar can mint tokens (`java -jar <this jar> mint-token --subject"
                + " iro-17 --role IRO`): never expose this to real data.");
        return List.of("--iro.security.jwt.public-key=" + DEV_KEY, "--iro.security.jwt.issuer=" + DevTokens.ISSUER);
    }

    private String[] childArgs(String name, String url, String user, String password, int poolSize,
            List<String> jwt, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(
                // Each service's own settings file (application.yaml would be whichever jar came first).
                "--spring.config.name=" + name,
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                // Three services share one logging system: a name in each line would be the last one started.
                "--logging.include-application-name=false"));
        args.add("--spring.datasource.hikari.maximum-pool-size="
                + settings.value("db-pool-size", "IRO_DB_POOL_SIZE").orElse(Integer.toString(poolSize)));
        args.addAll(jwt);
        args.addAll(extra);
        // A name given twice on the command line reads as both values joined: the launcher's own settings win.
        Set<String> taken = new HashSet<>();
        args.forEach(arg -> taken.add(optionName(arg)));
        for (String arg : settings.passThrough()) {
            if (taken.contains(optionName(arg))) {
                log.warn("{} is set by the launcher for {}; ignored", optionName(arg), name);
            } else {
                args.add(arg);
            }
        }
        return args.toArray(String[]::new);
    }

    private static String optionName(String arg) {
        int equals = arg.indexOf('=');
        return equals < 0 ? arg.substring(2) : arg.substring(2, equals);
    }

    static String withSchema(String url, String schema) {
        int question = url.indexOf('?');
        String base = question < 0 ? url : url.substring(0, question);
        List<String> parameters = new ArrayList<>();
        if (question >= 0) {
            for (String parameter : url.substring(question + 1).split("&")) {
                if (!parameter.isBlank() && !parameter.toLowerCase().startsWith("currentschema=")) {
                    parameters.add(parameter);
                }
            }
        }
        parameters.add("currentSchema=" + schema);
        return base + "?" + String.join("&", parameters);
    }

    private static String withoutParameters(String url) {
        int question = url.indexOf('?');
        return question < 0 ? url : url.substring(0, question);
    }

    private static int localPort(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    Map<String, String> health() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("dispute-command", status(command));
        parts.put("dispute-query", status(query));
        parts.put("deadline-scheduler", status(scheduler));
        if (postgres != null) {
            parts.put("embedded-postgres", postgres.isRunning() ? "UP" : "DOWN");
        }
        return parts;
    }

    private static String status(ConfigurableApplicationContext context) {
        if (context == null || !context.isActive()) {
            return "DOWN";
        }
        try {
            return context.getBean(HealthEndpoint.class).health().getStatus().getCode();
        } catch (RuntimeException e) {
            return "DOWN";
        }
    }

    public int port() {
        return front.port();
    }

    int demoEventsAppended() {
        return demoEventsAppended;
    }

    int commandPort() {
        return localPort(command);
    }

    int queryPort() {
        return localPort(query);
    }

    ConfigurableApplicationContext commandContext() {
        return command;
    }

    ConfigurableApplicationContext queryContext() {
        return query;
    }

    ConfigurableApplicationContext schedulerContext() {
        return scheduler;
    }

    /** Front door first, then the scheduler (no deadline fires into a closed service), query, command, database. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (front != null) {
            front.close();
        }
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {scheduler, query, command}) {
            if (context != null) {
                try {
                    context.close();
                } catch (RuntimeException e) {
                    log.warn("closing a service failed", e);
                }
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
