package uk.iro.disputes.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import uk.iro.disputes.kernel.dispute.ChildReference;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.dispute.Track;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeId;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeRecorded;
import uk.iro.disputes.query.goodpractice.GoodPracticeProjection;
import uk.iro.disputes.query.support.Api;
import uk.iro.disputes.query.support.HeldTransaction;
import uk.iro.disputes.query.support.Ladder;
import uk.iro.disputes.query.support.QueryServiceTest;

/**
 * A rebuild replays the store stream by stream ({@link BulkRebuild}); that the read models come out as the live
 * projection made them is {@link ProjectionAdminTest}'s. Here: where the processor goes on from afterwards, and what
 * happens when the replay cannot finish.
 */
class BulkRebuildTest extends QueryServiceTest {
    private static final StaffReference IRO = StaffReference.of("iro-12", Role.IRO);
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ApplicationContext context;
    @Autowired
    BulkRebuild bulk;

    /**
     * The replay reads one snapshot of the store. An event appended before it but committed after it holds a global
     * index below the head the processor goes on from: the processor's token waits for that index, so the event is
     * projected once it commits, as it would be in a live projection.
     */
    @Test
    void anEventCommittedAfterTheReplayReadTheStoreIsProjectedOnceItCommits() throws Exception {
        awaitCaughtUp();
        AtomicReference<Ladder> late = new AtomicReference<>();
        HeldTransaction held = HeldTransaction.appendAndHold(transactions,
                () -> late.set(ladder("warwickshire").at(Instant.now()).raise(Track.INFORMAL)));
        Ladder early = ladder("warwickshire").at(Instant.now()).raise(Track.INFORMAL)
                .respond(StaffReference.of("sw-12", Role.SOCIAL_WORKER), "Seen.");
        GoodPracticeId alert = GoodPracticeId.newId();
        store.appendGoodPractice(Instant.now(), IRO, List.of(new GoodPracticeRecorded(alert,
                ChildReference.of("C-bulk"), "Team 12", null, null, "Kept the plan in view.", IRO,
                LocalDate.now(Ladder.LONDON))));
        awaitProjected(early);

        JsonNode rebuilt = rebuildAndAwaitReplay();

        assertThat(rebuilt.path("rebuild").path("outcome").asText()).as(rebuilt.toString()).isEqualTo("done");
        assertThat(rebuilt.path("rebuild").path("events").asLong()).isPositive();
        awaitRebuildOver();
        assertThat(projectedVersion(early)).isEqualTo(early.version());
        assertThat(jdbc.sql("SELECT version FROM disputes_query.good_practice WHERE alert_id = :id")
                .param("id", alert.value()).query(Long.class).single()).isZero();
        assertThat(projectedVersion(late.get())).as("not committed when the store was read").isEqualTo(-1);

        held.commit();

        assertThat(globalIndexOf(late.get())).isLessThan(globalIndexOf(early));
        awaitProjected(late.get());
        assertThat(projectedVersion(late.get())).isEqualTo(late.get().version());
        // And the processor goes on with what comes next.
        early.childInformed();
        awaitProjected(early);
    }

    /**
     * A write that fails stops the replay; the processor then replays the store event by event, as a rebuild did
     * before, keeping what was written: the failing dispute is parked in the dead-letter queue and every other
     * dispute is projected.
     */
    @Test
    void aReplayThatCannotWriteADisputeFallsBackToTheProcessorWhichParksThatDisputeAlone() {
        Ladder broken = ladder("birmingham").at(Instant.now()).raise(Track.FORMAL)
                .respond(StaffReference.of("tm-12", Role.TEAM_MANAGER), "Agreed.");
        Ladder other = ladder("birmingham").at(Instant.now()).raise(Track.FORMAL);
        awaitProjected(broken);
        awaitProjected(other);
        failFor(broken);

        JsonNode rebuilt = rebuildAndAwaitReplay();

        JsonNode rebuild = rebuilt.path("rebuild");
        assertThat(rebuild.path("outcome").asText()).as(rebuilt.toString()).isEqualTo("fell-back");
        assertThat(rebuild.path("failure").asText()).contains("injected failure for dispute " + broken.idValue());
        awaitRebuildOver();
        assertThat(projectedVersion(other)).isEqualTo(other.version());
        assertThat(projectedVersion(broken)).as("nothing of the failed dispute is written").isEqualTo(-1);
        assertThat(parked(broken)).as("every event of its stream is parked").isEqualTo(broken.version() + 1);

        failures.heal(broken.idValue());
        Api.Call retried = api.post("/api/v1/admin/projection/dead-letters/retry", admin(), null);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(parked(broken)).isZero();
        assertThat(projectedVersion(broken)).isEqualTo(broken.version());
    }

    @Test
    void aSecondRebuildWhileOneRunsIsRefused() throws Exception {
        Ladder d = ladder("durham").at(Instant.now()).raise(Track.INFORMAL);
        awaitProjected(d);
        CountDownLatch release = new CountDownLatch(1);
        bulk.beforeRead = () -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try {
            Api.Call first = api.post("/api/v1/admin/projection/rebuild", admin(), null);
            assertThat(first.status()).as(first.toString()).isEqualTo(202);
            assertThat(status().path("rebuild").path("running").asBoolean()).isTrue();

            Api.Call second = api.post("/api/v1/admin/projection/rebuild", admin(), null);

            assertThat(second.status()).as(second.toString()).isEqualTo(409);
            assertThat(second.json().get("type").asText()).endsWith("rebuild-running");
        } finally {
            release.countDown();
            bulk.beforeRead = () -> { };
        }
        awaitRebuildOver();
        assertThat(projectedVersion(d)).isEqualTo(d.version());
    }

    /**
     * The replay hands each event to the handlers of the projection's group by hand. A new handler in the group
     * would be left out of every rebuild: this fails until {@link BulkRebuild} is taught it.
     */
    @Test
    void theReplayKnowsEveryHandlerOfTheProjectionsGroup() {
        List<Class<?>> handlers = context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                .<Class<?>>map(AopUtils::getTargetClass)
                .filter(c -> Objects.equals(DisputeProjection.PROCESSOR, c.getAnnotation(ProcessingGroup.class).value()))
                .toList();

        assertThat(handlers).containsExactlyInAnyOrder(DisputeProjection.class, GoodPracticeProjection.class);
    }

    /** Asks for a rebuild and waits for its stream-by-stream replay to end; answers the status then. */
    private JsonNode rebuildAndAwaitReplay() {
        Api.Call call = api.post("/api/v1/admin/projection/rebuild", admin(), null);
        assertThat(call.status()).as(call.toString()).isEqualTo(202);
        AtomicReference<JsonNode> last = new AtomicReference<>();
        awaitFor("the replay to end", 120, () -> {
            JsonNode s = status();
            last.set(s);
            return s.path("rebuild").isObject() && !s.path("rebuild").path("running").asBoolean();
        });
        return last.get();
    }

    private void awaitRebuildOver() {
        awaitFor("the rebuild to be over", 240, () -> {
            JsonNode s = status();
            return !s.get("replaying").asBoolean() && s.get("caughtUp").asBoolean()
                    && s.get("indexesDeferred").asLong() == 0;
        });
    }

    private JsonNode status() {
        return api.get("/api/v1/admin/projection", admin()).json();
    }

}
