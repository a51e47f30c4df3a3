package uk.iro.disputes.standalone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The launcher's own options ({@code --name=value}, or {@code --flag}) over environment variables; every other
 * {@code --name=value} goes to all three services as it would to one of them.
 */
final class Settings {
    private static final Set<String> OWN = Set.of("demo", "server.port", "server.address", "data-dir", "db-url",
            "db-user", "db-password", "db-pool-size");

    private final Map<String, String> options;
    private final Set<String> flags;
    private final List<String> passThrough;
    private final Map<String, String> environment;

    private Settings(Map<String, String> options, Set<String> flags, List<String> passThrough,
            Map<String, String> environment) {
        this.options = options;
        this.flags = flags;
        this.passThrough = passThrough;
        this.environment = environment;
    }

    static Settings of(String[] args) {
        return of(args, System.getenv());
    }

    static Settings of(String[] args, Map<String, String> environment) {
        Map<String, String> options = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> passThrough = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument '" + arg + "': options are --name=value; to mint"
                        + " a token the first argument is mint-token");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (equals < 0) {
                flags.add(name);
            } else if (OWN.contains(name)) {
                options.put(name, arg.substring(equals + 1));
            } else {
                options.put(name, arg.substring(equals + 1));
                passThrough.add(arg);
            }
        }
        return new Settings(options, flags, passThrough, environment);
    }

    /** The option if given (blank meaning "not set", whatever the environment says), else the variable if set. */
    Optional<String> value(String option, String variable) {
        if (options.containsKey(option)) {
            return Optional.of(options.get(option)).filter(v -> !v.isBlank());
        }
        return Optional.ofNullable(environment.get(variable)).filter(v -> !v.isBlank());
    }

    boolean flag(String name) {
        return flags.contains(name) || "true".equalsIgnoreCase(options.get(name));
    }

    List<String> passThrough() {
        return List.copyOf(passThrough);
    }
}
