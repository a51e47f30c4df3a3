import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import uk.iro.disputes.kernel.policy.PolicyLoader;

/**
 * Loads a folder of council policies with the loader the services use at start-up (deploy/validate.sh runs it with
 * dispute-command's libraries on the class path), so a file that would stop the pods fails CI instead. Prints each
 * policy and its warnings; exits non-zero on a broken file or a folder without policies.
 */
public class CheckPolicies {
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        long files;
        try (Stream<Path> entries = Files.list(folder)) {
            files = entries.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).count();
        }
        var loaded = PolicyLoader.catalogue(List.of(folder)).current().stream()
                .filter(l -> l.origin().startsWith(folder.toString()))
                .toList();
        loaded.forEach(l -> {
            System.out.println("policy " + l.policy().ref() + " loaded from " + l.origin());
            l.warnings().forEach(w -> System.out.println("  warning: " + w));
        });
        if (files == 0 || loaded.size() != files) {
            System.err.println(folder + ": " + files + " policy files, " + loaded.size() + " loaded as current policies");
            System.exit(1);
        }
    }
}
