package uk.iro.disputes.kernel.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Loads escalation policies from YAML: one council procedure per file, parsed into a tree and built by hand so that
 * every problem is a {@link PolicyException} naming the file and the field path
 * ({@code wakefield.yaml: stages[2].timescale.workingDays: must be a whole number of 1 or more}). Unknown fields are
 * refused (typo protection), as are duplicate fields. What a policy gets inconsistent but usable is reported by
 * {@link PolicyValidator} in {@link LoadedPolicy#warnings()}.
 *
 * <p>The five bundled policies live on the classpath under {@code policies/}, listed in {@code policies/index.txt}
 * (classpath folders cannot be listed inside a jar). A council adds its own by configuration: a file or folder
 * passed to {@link #catalogue(List)}.
 *
 * <pre>
 * id: my-council                 # lower-case letters, digits, hyphens
 * version: 1                     # 1 or more; every version stays loadable
 * title: ...
 * source: ...                    # the document the policy encodes
 * informal:                      # optional
 *   title: ...
 *   assigneeRoles: [TEAM_MANAGER, SOCIAL_WORKER]   # Role names; the first is the assignee role
 *   assigneePosition: ...
 *   copiedTo: [ ... ]            # optional positions
 *   timescale: { workingDays: 15 }                 # optional
 *   meeting: { ... }             # optional, as on formal stages
 *   recordWithinWorkingDays: 5   # optional
 *   progressRating: false        # optional
 * formalStart: { iroChoosesStage: true, consultation: { role: IRO_MANAGER, position: ... } }  # consultation optional
 * bypass: { allowed: true, consultation: { ... } }  # optional; absent = not allowed
 * stages:                        # the formal ladder, lowest first
 *   - key: stage-1               # unique; 'informal' is reserved
 *     title: ...
 *     assigneeRoles: [SENIOR_MANAGER]
 *     assigneePosition: ...
 *     copiedTo: [ ... ]          # optional
 *     timescale: { workingDays: 5 }   # or { workingDayOfFormalProcess: 20 }, or absent for none
 *     meeting: { required: false, withinWorkingDays: 5, convenedBy: SENIOR_MANAGER, description: ... }  # optional
 * cafcass: { atAnyStage: true, beforeLastStage: CONTINUES_ALONGSIDE, atLastStage: CLOSES_ESCALATION, consultation: ... }
 * extension: { allowed: true, agreedBy: [IRO], benefitToChildRequired: true, maximumWorkingDays: 10 }  # optional
 * monitoring: { meetingWithinWorkingDays: 10 }                      # optional
 * immediateConcern: { responseWithinWorkingDays: 1, writtenRecordWithinWorkingDays: 2, stages: [stage-3] }  # optional
 * closure: { authorisedBy: [IRO, IRO_MANAGER], ownIroOnly: false }  # optional; this is the default
 * declaredTotal: { workingDays: 20, includesInformal: false }      # optional
 * appliesTo: [LOOKED_AFTER, CHILD_PROTECTION]  # optional; absent = [LOOKED_AFTER]
 * </pre>
 */
public final class PolicyLoader {
    /** Where the bundled policies live on the classpath. */
    public static final String BUNDLED_FOLDER = "policies/";
    /** The bundled policies' index: one file name per line; blank lines and {@code #} comments are ignored. */
    public static final String BUNDLED_INDEX = BUNDLED_FOLDER + "index.txt";

    private static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                    .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                    .build());

    private static volatile List<LoadedPolicy> bundled;

    private PolicyLoader() {
    }

    /**
     * Loads one policy.
     *
     * @param origin where the YAML came from (a file name or path), named in every error and kept in the result
     * @param yaml the policy file's content; read, not closed
     * @throws PolicyException naming the origin and the field at fault
     */
    public static LoadedPolicy load(String origin, InputStream yaml) {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(yaml, "yaml");
        JsonNode tree = parse(origin, yaml);
        EscalationPolicy policy = PolicyReader.read(YamlNode.root(origin, tree));
        return new LoadedPolicy(policy, origin, PolicyValidator.warnings(policy));
    }

    /** Loads one policy file; its path is its origin. */
    public static LoadedPolicy load(Path file) {
        String origin = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return load(origin, in);
        } catch (IOException e) {
            throw new PolicyException(origin, "(file)", "cannot be read: " + e);
        }
    }

    /** The policies bundled with the service, in the order of {@code policies/index.txt}. */
    public static List<LoadedPolicy> bundled() {
        List<LoadedPolicy> result = bundled;
        if (result == null) {
            synchronized (PolicyLoader.class) {
                result = bundled;
                if (result == null) {
                    result = loadBundled();
                    bundled = result;
                }
            }
        }
        return result;
    }

    /**
     * The bundled policies plus every {@code *.yaml} / {@code *.yml} file in each location: a policy file, or a
     * folder whose policy files (not its sub-folders, nor hidden files) are loaded in name order.
     *
     * @throws PolicyException for a location that does not exist, any broken file, or the same id and version
     *     defined twice (naming both origins)
     */
    public static PolicyCatalogue catalogue(List<Path> extraLocations) {
        List<LoadedPolicy> policies = new ArrayList<>(bundled());
        for (Path location : extraLocations) {
            for (Path file : policyFiles(location)) {
                policies.add(load(file));
            }
        }
        return new PolicyCatalogue(policies);
    }

    // ---- internals -------------------------------------------------------------------------------------------

    private static JsonNode parse(String origin, InputStream yaml) {
        try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
            JsonNode tree = YAML.readTree(parser);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new PolicyException(origin, YamlNode.DOCUMENT, "is empty");
            }
            if (parser.nextToken() != null) {
                throw new PolicyException(origin, YamlNode.DOCUMENT,
                        "holds more than one YAML document; put each policy in a file of its own");
            }
            return tree;
        } catch (StreamReadException e) {
            throw new PolicyException(origin, fieldOf(e), yamlProblem(e));
        } catch (JsonProcessingException e) {
            throw new PolicyException(origin, YamlNode.DOCUMENT, yamlProblem(e));
        } catch (IOException e) {
            throw new PolicyException(origin, "(file)", "cannot be read: " + e);
        } catch (PolicyException e) {
            throw e;
        } catch (RuntimeException e) {
            // SnakeYAML's own limits (aliases, size) may surface unwrapped.
            throw new PolicyException(origin, YamlNode.DOCUMENT, "not valid YAML: " + e.getMessage());
        }
    }

    /**
     * For a duplicate field, the field's path; for any other syntax error the document (the message gives the line
     * and column, which say more than where the parser happened to be).
     */
    private static String fieldOf(StreamReadException e) {
        JsonParser parser = e.getProcessor();
        if (!isDuplicateField(e) || parser == null || parser.getParsingContext() == null) {
            return YamlNode.DOCUMENT;
        }
        String path = pathOf(parser.getParsingContext());
        return path.isEmpty() ? YamlNode.DOCUMENT : path;
    }

    private static String pathOf(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "";
        }
        String parent = pathOf(context.getParent());
        if (context.inArray()) {
            return parent + "[" + Math.max(context.getCurrentIndex(), 0) + "]";
        }
        String name = context.getCurrentName();
        if (name == null) {
            return parent;
        }
        return parent.isEmpty() ? name : parent + "." + name;
    }

    private static String yamlProblem(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 1
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        if (isDuplicateField(e)) {
            return "appears twice in the same mapping" + where;
        }
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String readable = message
                .replaceAll(" in 'reader', line \\d+, column \\d+:", "")
                .replace("^", "")
                .replaceAll("\\s+", " ")
                .strip();
        return "not valid YAML" + where + ": " + readable;
    }

    private static boolean isDuplicateField(JsonProcessingException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
    }

    private static List<LoadedPolicy> loadBundled() {
        ClassLoader loader = PolicyLoader.class.getClassLoader();
        String indexOrigin = "classpath:" + BUNDLED_INDEX;
        List<String> names = new ArrayList<>();
        try (InputStream index = loader.getResourceAsStream(BUNDLED_INDEX)) {
            if (index == null) {
                throw new PolicyException(indexOrigin, "(file)", "not found on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new PolicyException(indexOrigin, "(file)", "cannot be read: " + e);
        }
        List<LoadedPolicy> result = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String resource = BUNDLED_FOLDER + names.get(i);
            String origin = "classpath:" + resource;
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new PolicyException(indexOrigin, "line " + (i + 1), "no resource " + resource);
                }
                result.add(load(origin, in));
            } catch (IOException e) {
                throw new PolicyException(origin, "(file)", "cannot be read: " + e);
            }
        }
        return List.copyOf(result);
    }

    private static List<Path> policyFiles(Path location) {
        String origin = location.toString();
        if (Files.isRegularFile(location)) {
            return List.of(location);
        }
        if (!Files.isDirectory(location)) {
            throw new PolicyException(origin, "(location)", "no such policy file or folder");
        }
        try (Stream<Path> entries = Files.list(location)) {
            return entries
                    .filter(Files::isRegularFile)
                    .filter(PolicyLoader::isPolicyFileName)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new PolicyException(origin, "(location)", "cannot be listed: " + e);
        }
    }

    private static boolean isPolicyFileName(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (lower.endsWith(".yaml") || lower.endsWith(".yml"));
    }
}
