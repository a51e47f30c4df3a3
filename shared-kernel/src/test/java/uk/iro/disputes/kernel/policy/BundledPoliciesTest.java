package uk.iro.disputes.kernel.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.calendar.WorkingDays;
import uk.iro.disputes.kernel.dispute.Role;

/** The five bundled policies load, and encode what their source documents say. */
class BundledPoliciesTest {

    private static final List<String> IDS =
            List.of("wakefield", "birmingham", "group-manager-ladder", "warwickshire", "durham");

    private static EscalationPolicy policy(String id) {
        return PolicyLoader.bundled().stream()
                .map(LoadedPolicy::policy)
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no bundled policy " + id));
    }

    private static List<String> keys(EscalationPolicy policy) {
        return policy.stages().stream().map(s -> s.key().value()).toList();
    }

    private static Integer days(StagePolicy stage) {
        return stage.responseTimescale().map(t -> t.workingDays().count()).orElse(null);
    }

    private static StagePolicy stage(EscalationPolicy policy, String key) {
        return policy.stage(StageKey.of(key)).orElseThrow(() -> new AssertionError("no " + key + " in " + policy.id()));
    }

    @Test
    void theFiveBundledPoliciesLoadInIndexOrder() {
        List<LoadedPolicy> bundled = PolicyLoader.bundled();

        assertThat(bundled).extracting(p -> p.policy().id()).containsExactlyElementsOf(IDS);
        assertThat(bundled).allSatisfy(p -> {
            assertThat(p.policy().version()).isEqualTo(1);
            assertThat(p.origin()).isEqualTo("classpath:policies/" + p.policy().id() + ".yaml");
        });
        assertThat(PolicyLoader.catalogue(List.of()).current()).hasSize(5);
    }

    @Test
    void eachPolicyNamesTheSeedDocumentItEncodes() {
        List<String> sources = PolicyLoader.bundled().stream().map(p -> p.policy().source()).toList();

        assertThat(sources).containsExactly(
                "000_9b2050e1c3eb508f.txt",
                "001_6c65a5134087a990.txt",
                "002_586064c5a505fc01.txt",
                "003_cdcb6940056486a4.txt",
                "004_122586ab6c074086.txt");
    }

    @Test
    void eachSourceIsAnExistingSeedFileWhereTheSeedsArePresent() {
        Path seeds = Path.of("..", "..", "shared", "seeds");
        assumeTrue(Files.isDirectory(seeds), "the seed documents are not checked out next to the project");

        assertThat(PolicyLoader.bundled())
                .allSatisfy(p -> assertThat(seeds.resolve(p.policy().source())).isRegularFile());
    }

    @Test
    void noBundledFileHoldsAnEmailAddressOrPhoneNumber() throws IOException {
        Pattern phone = Pattern.compile("\\b0\\d{3,4}[ -]?\\d{3}[ -]?\\d{3,4}\\b");
        for (String id : IDS) {
            String text;
            try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream("policies/" + id + ".yaml")) {
                assertThat(in).as(id).isNotNull();
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(text).as(id).doesNotContain("@");
            assertThat(phone.matcher(text).find()).as(id + " holds something like a phone number").isFalse();
        }
    }

    @Test
    void wakefield() {
        EscalationPolicy wakefield = policy("wakefield");

        assertThat(keys(wakefield)).containsExactly("stage-1", "stage-2", "stage-3", "stage-4");
        assertThat(wakefield.stages()).extracting(StagePolicy::assigneePosition)
                .containsExactly("Service Manager", "Service Director", "Corporate Director", "Chief Executive");
        assertThat(wakefield.stages()).allSatisfy(s -> {
            assertThat(s.assigneeRole()).isEqualTo(Role.SENIOR_MANAGER);
            assertThat(days(s)).isEqualTo(5);
            assertThat(s.meeting().required()).isFalse();
            assertThat(s.copiedTo()).contains("IRO Manager", "Service Lead for the Safeguarding and Reviewing Unit");
        });
        assertThat(stage(wakefield, "stage-1").copiedTo()).first().isEqualTo("Team Manager");

        InformalResolution informal = wakefield.informalResolution().orElseThrow();
        assertThat(informal.stage().assigneeRoles()).containsExactly(Role.TEAM_MANAGER, Role.SOCIAL_WORKER);
        assertThat(days(informal.stage())).isEqualTo(15);
        assertThat(informal.recordTimescale()).contains(WorkingDays.of(5));
        assertThat(informal.stage().copiedTo()).containsExactly("IRO Manager");

        assertThat(wakefield.formalStart().iroChoosesStage()).isTrue();
        assertThat(wakefield.formalStart().requiredConsultation())
                .contains(new Consultation(Role.IRO_MANAGER, "IRO Manager"));
        assertThat(wakefield.bypass().allowed()).isTrue();
        assertThat(wakefield.bypass().requiredConsultation())
                .contains(new Consultation(Role.IRO_MANAGER, "IRO Team Manager"));
        assertThat(wakefield.cafcass().atAnyStage()).isTrue();
        assertThat(wakefield.cafcass().atLastStage()).isEqualTo(CafcassRule.Effect.CONTINUES_ALONGSIDE);
        assertThat(wakefield.cafcass().requiredConsultation()).isPresent();
        assertThat(wakefield.extension().allowed()).isFalse();
        assertThat(wakefield.closure()).isEqualTo(ClosureRule.IRO_OR_MANAGER);
        assertThat(wakefield.declaredTotal()).isEqualTo(new TotalTimescale(WorkingDays.of(20), false));
    }

    @Test
    void birmingham() {
        EscalationPolicy birmingham = policy("birmingham");

        assertThat(keys(birmingham)).containsExactly("stage-1", "stage-2", "stage-3", "stage-4");
        assertThat(birmingham.stages()).extracting(StagePolicy::assigneeRole)
                .containsExactly(Role.TEAM_MANAGER, Role.SENIOR_MANAGER, Role.SENIOR_MANAGER, Role.SENIOR_MANAGER);
        assertThat(birmingham.stages().subList(0, 3)).extracting(BundledPoliciesTest::days).containsExactly(10, 3, 3);
        assertThat(birmingham.stages().subList(0, 3)).extracting(s -> s.timescale().basis())
                .containsOnly(Timescale.Basis.WORKING_DAYS_FROM_STAGE_START);

        StagePolicy director = stage(birmingham, "stage-4");
        assertThat(director.assigneePosition()).isEqualTo("Director of Practice");
        assertThat(director.timescale()).isEqualTo(Timescale.byWorkingDayOfFormalProcess(20));
        assertThat(director.copiedTo()).containsExactly("Trust Chief Executive");
        assertThat(stage(birmingham, "stage-1").meetingRule()).hasValueSatisfying(m -> {
            assertThat(m.required()).isFalse();
            assertThat(m.description()).contains("Dispute Resolution Meeting");
        });
        assertThat(stage(birmingham, "stage-3").meetingRule()).isEmpty();

        assertThat(birmingham.informalResolution()).hasValueSatisfying(i -> {
            assertThat(i.stage().assigneeRoles()).containsExactly(Role.TEAM_MANAGER, Role.SOCIAL_WORKER);
            assertThat(i.stage().responseTimescale()).isEmpty();
        });
        assertThat(birmingham.formalStart().iroChoosesStage()).isFalse();
        assertThat(birmingham.formalStart().requiredConsultation())
                .contains(new Consultation(Role.IRO_MANAGER, "IRO Service Assistant Head of Service"));
        assertThat(birmingham.bypass()).isEqualTo(BypassRule.NOT_ALLOWED);
        assertThat(birmingham.cafcass())
                .isEqualTo(new CafcassRule(true, CafcassRule.Effect.CONTINUES_ALONGSIDE,
                        CafcassRule.Effect.CLOSES_ESCALATION, null));
    }

    @Test
    void careFirstGroupManagerLadder() {
        EscalationPolicy careFirst = policy("group-manager-ladder");

        assertThat(careFirst.informalResolution()).isEmpty();
        assertThat(keys(careFirst)).containsExactly("stage-1", "stage-2", "stage-3", "stage-4", "stage-5", "stage-6");
        assertThat(careFirst.stages()).extracting(BundledPoliciesTest::days).containsExactly(5, 5, 5, 5, 5, null);
        assertThat(careFirst.firstFormalStage().assigneeRoles()).containsExactly(Role.TEAM_MANAGER, Role.SOCIAL_WORKER);
        assertThat(careFirst.stages().subList(1, 6)).extracting(StagePolicy::assigneeRole)
                .containsOnly(Role.SENIOR_MANAGER);
        assertThat(stage(careFirst, "stage-2").assigneePosition()).isEqualTo("Group Manager");
        assertThat(stage(careFirst, "stage-2").meeting().required()).isTrue();
        assertThat(stage(careFirst, "stage-3").meeting().timescale()).contains(WorkingDays.of(5));
        assertThat(careFirst.lastFormalStage().assigneePosition()).isEqualTo("Chief Executive");

        assertThat(careFirst.closure().authorisedBy()).containsExactly(Role.IRO);
        assertThat(careFirst.closure().ownIroOnly()).isTrue();
        assertThat(careFirst.cafcass().atAnyStage()).isFalse();
        assertThat(careFirst.formalStart()).isEqualTo(FormalStart.FIRST_STAGE_ONLY);
        assertThat(careFirst.title()).contains("Care First");
    }

    @Test
    void warwickshire() {
        EscalationPolicy warwickshire = policy("warwickshire");

        InformalResolution informal = warwickshire.informalResolution().orElseThrow();
        assertThat(informal.progressRating()).isTrue();
        assertThat(informal.stage().assigneeRoles()).containsExactly(Role.TEAM_MANAGER, Role.SENIOR_MANAGER);
        assertThat(informal.stage().responseTimescale()).isEmpty();

        assertThat(keys(warwickshire)).containsExactly("stage-1", "stage-2");
        assertThat(warwickshire.stages()).extracting(BundledPoliciesTest::days).containsExactly(5, 5);
        StagePolicy operations = warwickshire.firstFormalStage();
        assertThat(operations.assigneePosition()).isEqualTo("Operations Manager");
        assertThat(operations.copiedTo()).hasSize(3).contains("Service Manager");
        assertThat(operations.meeting())
                .isEqualTo(new MeetingRule(false, WorkingDays.of(5), Role.SENIOR_MANAGER,
                        "service manager meeting with the IRO and operations manager if unresolved"));
        assertThat(warwickshire.lastFormalStage().assigneePosition()).isEqualTo("Head of Service Children and Families");
        assertThat(warwickshire.formalStart()).isEqualTo(FormalStart.FIRST_STAGE_ONLY);
        assertThat(warwickshire.declaredTotal().workingDays()).isEqualTo(WorkingDays.of(20));
    }

    @Test
    void durham() {
        EscalationPolicy durham = policy("durham");

        InformalResolution informal = durham.informalResolution().orElseThrow();
        assertThat(informal.stage().assigneeRoles()).containsExactly(Role.SOCIAL_WORKER, Role.TEAM_MANAGER);
        assertThat(days(informal.stage())).isEqualTo(1);

        assertThat(keys(durham))
                .containsExactly("stage-2", "stage-3", "stage-4", "stage-5", "stage-6", "stage-7");
        assertThat(durham.stages()).extracting(BundledPoliciesTest::days).containsExactly(4, 5, 5, 5, 1, 1);
        assertThat(stage(durham, "stage-2").assigneeRole()).isEqualTo(Role.TEAM_MANAGER);
        assertThat(stage(durham, "stage-2").copiedTo()).containsExactly("Operations Manager");
        assertThat(stage(durham, "stage-2").meeting().required()).isTrue();
        assertThat(stage(durham, "stage-3").assigneePosition()).isEqualTo("Operations Manager");
        assertThat(stage(durham, "stage-5").assigneePosition()).isEqualTo("Head of Children's Social Care");
        assertThat(durham.lastFormalStage().assigneePosition()).isEqualTo("Chief Executive");

        assertThat(durham.formalStart().iroChoosesStage()).isTrue();
        assertThat(durham.formalStart().requiredConsultation()).isEmpty();
        assertThat(durham.bypass().allowed()).isFalse();
        assertThat(durham.extension())
                .isEqualTo(new ExtensionRule(true, List.of(Role.IRO), true, null));
        assertThat(durham.monitoringRule()).contains(new MonitoringRule(WorkingDays.of(10)));
        assertThat(durham.immediateConcernTrack()).contains(new ImmediateConcernTrack(
                WorkingDays.of(1), WorkingDays.of(2),
                List.of(StageKey.of("stage-3"), StageKey.of("stage-4"), StageKey.of("stage-5"))));
        assertThat(durham.cafcass().atAnyStage()).isFalse();
        assertThat(durham.declaredTotal()).isEqualTo(new TotalTimescale(WorkingDays.of(17), true));
    }
}
