package uk.iro.disputes.command.goodpractice;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.goodpractice.AcknowledgeGoodPractice;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeAcknowledged;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeId;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeRecorded;
import uk.iro.disputes.kernel.goodpractice.RecordGoodPractice;
import uk.iro.disputes.kernel.rule.DisputeRule;
import uk.iro.disputes.kernel.rule.DisputeRuleViolation;

/** A good-practice alert's own small lifecycle: recorded by the IRO side, acknowledged once by the manager alerted. */
class GoodPracticeAlertTest {
    static final GoodPracticeId ID = GoodPracticeId.of("gp-0001");
    static final ChildReference CHILD = ChildReference.of("CASE-1001");
    static final String TEAM = "Children in Care 2";
    static final StaffReference IRO = StaffReference.of("iro-17", Role.IRO);
    static final StaffReference CHAIR = StaffReference.of("cpc-4", Role.CP_CHAIR);
    static final StaffReference TEAM_MANAGER = StaffReference.of("tm-8", Role.TEAM_MANAGER);
    static final StaffReference OTHER_MANAGER = StaffReference.of("tm-9", Role.TEAM_MANAGER);
    static final StaffReference SOCIAL_WORKER = StaffReference.of("sw-41", Role.SOCIAL_WORKER);
    static final LocalDate TODAY = LocalDate.of(2026, 3, 4);
    static final String GOOD = "Life story work completed with the child before the review.";

    static FixtureConfiguration<GoodPracticeAlert> fixture() {
        FixtureConfiguration<GoodPracticeAlert> fixture = new AggregateTestFixture<>(GoodPracticeAlert.class);
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2026-03-04T12:00:00Z"), ZoneOffset.UTC));
        return fixture;
    }

    static RecordGoodPractice record(StaffReference by, StaffReference manager) {
        return new RecordGoodPractice(ID, CHILD, TEAM, DisputeId.of("dispute-0001"), manager, GOOD, by);
    }

    static GoodPracticeRecorded recorded(StaffReference by, StaffReference manager) {
        return new GoodPracticeRecorded(ID, CHILD, TEAM, DisputeId.of("dispute-0001"), manager, GOOD, by, TODAY);
    }

    static org.hamcrest.Matcher<DisputeRuleViolation> violates(DisputeRule rule) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DisputeRuleViolation v) {
                return v.rule() == rule;
            }

            @Override
            public void describeTo(org.hamcrest.Description d) {
                d.appendText(rule.code());
            }
        };
    }

    @Test
    void theIroSideRecordsIt() {
        fixture().givenNoPriorActivity().when(record(IRO, TEAM_MANAGER)).expectEvents(recorded(IRO, TEAM_MANAGER));
        fixture().givenNoPriorActivity().when(record(CHAIR, null)).expectEvents(recorded(CHAIR, null));
        fixture().givenNoPriorActivity().when(record(SOCIAL_WORKER, null)).expectNoEvents()
                .expectException(violates(DisputeRule.GOOD_PRACTICE_RECORDER));
        fixture().givenNoPriorActivity().when(record(IRO, SOCIAL_WORKER)).expectNoEvents()
                .expectException(violates(DisputeRule.GOOD_PRACTICE_MANAGER_NOT_A_MANAGER));
    }

    @Test
    void theNamedManagerAcknowledgesItOnce() {
        fixture().given(recorded(IRO, TEAM_MANAGER)).when(new AcknowledgeGoodPractice(ID, TEAM_MANAGER))
                .expectEvents(new GoodPracticeAcknowledged(ID, TEAM_MANAGER, TODAY));
        fixture().given(recorded(IRO, TEAM_MANAGER)).when(new AcknowledgeGoodPractice(ID, OTHER_MANAGER))
                .expectNoEvents().expectException(violates(DisputeRule.GOOD_PRACTICE_ACKNOWLEDGER));
        fixture().given(recorded(IRO, TEAM_MANAGER), new GoodPracticeAcknowledged(ID, TEAM_MANAGER, TODAY))
                .when(new AcknowledgeGoodPractice(ID, TEAM_MANAGER))
                .expectNoEvents().expectException(violates(DisputeRule.GOOD_PRACTICE_ALREADY_ACKNOWLEDGED));
    }

    @Test
    void withNoManagerNamedAnyTeamOrSeniorManagerAcknowledgesAndNobodyElse() {
        fixture().given(recorded(IRO, null)).when(new AcknowledgeGoodPractice(ID, OTHER_MANAGER))
                .expectEvents(new GoodPracticeAcknowledged(ID, OTHER_MANAGER, TODAY));
        fixture().given(recorded(IRO, null)).when(new AcknowledgeGoodPractice(ID, IRO))
                .expectNoEvents().expectException(violates(DisputeRule.GOOD_PRACTICE_ACKNOWLEDGER));
        fixture().given(recorded(IRO, null)).when(new AcknowledgeGoodPractice(ID, SOCIAL_WORKER))
                .expectNoEvents().expectException(violates(DisputeRule.GOOD_PRACTICE_ACKNOWLEDGER));
    }
}
