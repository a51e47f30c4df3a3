package uk.iro.disputes.kernel.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A council adds its own policy by configuration: files or folders outside the classpath, no code change. */
class PolicyCatalogueLoadingTest {

    @TempDir
    Path dir;

    private static String policy(String id, int version, int stageDays) {
        return """
                id: %s
                version: %d
                title: Outside policy
                source: outside.txt
                formalStart: { iroChoosesStage: false }
                stages:
                  - key: stage-1
                    title: Team Manager
                    assigneeRoles: [TEAM_MANAGER]
                    assigneePosition: Team Manager
                    timescale: { workingDays: %d }
                cafcass: { atAnyStage: true, beforeLastStage: CONTINUES_ALONGSIDE, atLastStage: CONTINUES_ALONGSIDE }
                """.formatted(id, version, stageDays);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static Integer firstStageDays(EscalationPolicy policy) {
        return policy.firstFormalStage().timescale().workingDays().count();
    }

    @Test
    void aPolicyInAFolderOutsideTheClasspathJoinsTheBundledOnes() throws IOException {
        write("north-shire.yaml", policy("north-shire", 1, 7));

        PolicyCatalogue catalogue = PolicyLoader.catalogue(List.of(dir));

        assertThat(catalogue.find(new PolicyRef("north-shire", 1))).hasValueSatisfying(p ->
                assertThat(firstStageDays(p)).isEqualTo(7));
        assertThat(catalogue.current()).extracting(p -> p.policy().id())
                .containsExactly("birmingham", "durham", "group-manager-ladder", "north-shire", "wakefield",
                        "warwickshire");
        assertThat(catalogue.all()).filteredOn(p -> p.policy().id().equals("north-shire"))
                .singleElement()
                .satisfies(p -> assertThat(p.origin()).isEqualTo(dir.resolve("north-shire.yaml").toString()));
    }

    @Test
    void twoVersionsOfOnePolicyAreBothFindableAndTheHigherIsLatest() throws IOException {
        write("north-shire-v2.yml", policy("north-shire", 2, 10));
        write("north-shire.yaml", policy("north-shire", 1, 5));

        PolicyCatalogue catalogue = PolicyLoader.catalogue(List.of(dir));

        assertThat(catalogue.find(new PolicyRef("north-shire", 1))).hasValueSatisfying(p ->
                assertThat(firstStageDays(p)).isEqualTo(5));
        assertThat(catalogue.find(new PolicyRef("north-shire", 2))).hasValueSatisfying(p ->
                assertThat(firstStageDays(p)).isEqualTo(10));
        assertThat(catalogue.latest("north-shire")).hasValueSatisfying(p -> assertThat(p.version()).isEqualTo(2));
        assertThat(catalogue.find(new PolicyRef("north-shire", 3))).isEmpty();
    }

    @Test
    void theSameIdAndVersionTwiceIsAnErrorNamingBothOrigins() throws IOException {
        Path first = write("a.yaml", policy("north-shire", 1, 5));
        Path second = write("b.yaml", policy("north-shire", 1, 6));

        PolicyException e = catchThrowableOfType(() -> PolicyLoader.catalogue(List.of(dir)), PolicyException.class);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains(first.toString()).contains(second.toString()).contains("north-shire@1");
    }

    @Test
    void redefiningABundledPolicyVersionIsAnErrorNamingTheBundledFile() throws IOException {
        Path file = write("wakefield.yaml", policy("wakefield", 1, 5));

        PolicyException e = catchThrowableOfType(() -> PolicyLoader.catalogue(List.of(file)), PolicyException.class);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains(file.toString()).contains("classpath:policies/wakefield.yaml");
    }

    @Test
    void aSingleFileCanBeALocationAndOtherFilesInAFolderAreIgnored() throws IOException {
        Path file = write("north-shire.policy", policy("north-shire", 1, 5));
        write("notes.txt", "not a policy");
        write(".hidden.yaml", "not: a policy");

        assertThat(PolicyLoader.catalogue(List.of(file)).latest("north-shire")).isPresent();
        assertThat(PolicyLoader.catalogue(List.of(dir)).all()).hasSize(5);
    }

    @Test
    void aBrokenFileInAFolderStopsTheCatalogueNamingTheFile() throws IOException {
        write("good.yaml", policy("north-shire", 1, 5));
        Path broken = write("zz-broken.yaml", policy("south-shire", 1, 0));

        PolicyException e = catchThrowableOfType(() -> PolicyLoader.catalogue(List.of(dir)), PolicyException.class);

        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .startsWith(broken + ": stages[0].timescale.workingDays: must be a whole number of 1 or more");
    }

    @Test
    void aMissingLocationIsAnError() {
        Path missing = dir.resolve("no-such-folder");

        PolicyException e = catchThrowableOfType(() -> PolicyLoader.catalogue(List.of(missing)), PolicyException.class);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith(missing + ": (location): ");
    }

    @Test
    void theFictionalCouncilTestFolderLoads() throws URISyntaxException {
        Path extra = Path.of(getClass().getClassLoader().getResource("policies-test/extra").toURI());

        PolicyCatalogue catalogue = PolicyLoader.catalogue(List.of(extra));

        assertThat(catalogue.all()).hasSize(6);
        EscalationPolicy fictional = catalogue.latest("fictional-council").orElseThrow();
        assertThat(fictional.stages()).extracting(s -> s.key().value())
                .containsExactly("team-manager", "head-of-service", "director");
        assertThat(fictional.extension().maximumExtension()).isPresent();
        assertThat(catalogue.current()).filteredOn(p -> p.policy().id().equals("fictional-council"))
                .singleElement()
                .satisfies(p -> assertThat(p.warnings()).isEmpty());
    }
}
