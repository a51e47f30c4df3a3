package uk.iro.disputes.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.e2e.Api.Answer;
import uk.iro.disputes.e2e.TopicRecords.Published;

/**
 * The whole system as separate processes: Apache Kafka, two instances each of dispute-command, dispute-query and
 * deadline-scheduler on one database. Several disputes walk Durham's ladder at once, as a council's case system
 * would drive them, while one instance of each service is killed with SIGKILL; a stage's deadline is then missed
 * under a moved clock and fired by the scheduler; the disputes end referred to CAFCASS, resolved, monitored and
 * closed. Then the event store, the topic (read by an independent consumer), the query API and the schedule must
 * agree: every event once, in order, nothing lost, every deadline fired once.
 */
class FullTopologyTest {
    static final int DISPUTES = Integer.parseInt(System.getenv().getOrDefault("IRO_E2E_DISPUTES", "4"));
    /** Past the last stage's due date and the statutory 20 working days of every dispute raised today. */
    static final String CLOCK_OFFSET = "P60D";
    static final List<String> FORMAL_STAGES = List.of("stage-2", "stage-3", "stage-4", "stage-5", "stage-6", "stage-7");

    static final Topology topology = new Topology();
    static Tokens tokens;
    static Api command;
    static Api query;
    static final Map<String, Long> phaseSeconds = new LinkedHashMap<>();
    /** Commands whose answer was lost with a killed instance and that were sent again: replayed, not re-applied. */
    static final AtomicInteger replays = new AtomicInteger();

    @BeforeAll
    static void startTheTopology() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(topology::down));
        long started = System.nanoTime();
        topology.up(2, System.getenv().getOrDefault("IRO_E2E_DB", "iro_e2e"));
        phaseSeconds.put("topology up", seconds(started));
        tokens = new Tokens(topology.privateKey(), topology.issuer());
        command = new Api(List.of(topology.url("dispute-command", 1), topology.url("dispute-command", 2)));
        query = new Api(List.of(topology.url("dispute-query", 1), topology.url("dispute-query", 2)));
    }

    @AfterAll
    static void stopTheTopology() {
        long started = System.nanoTime();
        topology.down();
        phaseSeconds.put("topology down", seconds(started));
        System.out.println("e2e phases (s): " + phaseSeconds + (command == null ? ""
                : "; command failovers " + command.failovers + ", query failovers " + query.failovers
                        + ", replayed commands " + replays));
    }

    /** One dispute's walk, and every answer the command API gave it. */
    final class Walk {
        final int n;
        final String iro;
        String id;
        final List<Answer> answers = new ArrayList<>();
        Instant asOf;
        long versionAsOf;

        Walk(int n) {
            this.n = n;
            this.iro = "iro-" + n;
        }

        Answer step(String what, String path, String token, String body) {
            Answer answer = command.post(path, token, body);
            assertThat(answer.status()).as("%s of dispute %d: %s", what, n, answer).isBetween(200, 201);
            assertThat(answer.eventsAppended()).as("%s appends: %s", what, answer).isPositive();
            if (answer.replayed()) {
                replays.incrementAndGet();
            }
            answers.add(answer);
            return answer;
        }

        void raise() {
            Answer raised = step("raise", "/api/v1/disputes", token(iro, "IRO"), """
                    {"policyId":"durham","childCaseId":"CASE-E2E-%d","responsibleTeam":"Locality East","track":"INFORMAL",
                     "categories":["EDUCATION","HEALTH"],"concern":"No school place since the move.",
                     "desiredOutcome":"A school place this month."}""".formatted(n));
            id = raised.json().get("disputeId").asText();
        }

        void respond(String stage, String subject, String role) {
            step("respond at " + stage, "/api/v1/disputes/" + id + "/respond", token(subject, role), """
                    {"stage":"%s","response":"We will look at the placement again."}""".formatted(stage));
        }

        void escalate(String from, String to) {
            Answer answer = step("escalate from " + from, "/api/v1/disputes/" + id + "/escalate", token(iro, "IRO"), """
                    {"fromStage":"%s","reason":"The response does not secure a school place."}""".formatted(from));
            // Read-your-writes on the query side, whichever instance answers.
            JsonNode view = readAtLeast(id, answer.version(), token(iro, "IRO"));
            assertThat(view.at("/currentStage/key").asText()).as("query view of dispute %d", n).isEqualTo(to);
        }

        /**
         * Informal stage answered, then up the ladder to stage 7, answering each stage but the last. A walk that
         * gets two steps from its end before the kill waits for it there, so that no walk ends before the kill
         * however unevenly the walks are scheduled (one once finished before the others had done half as much).
         */
        void toLastStage(AtomicInteger steps, int stepsPerWalk, CountDownLatch killed) {
            AtomicInteger mine = new AtomicInteger();
            Runnable stepped = () -> {
                steps.incrementAndGet();
                if (mine.incrementAndGet() == stepsPerWalk - 2) {
                    try {
                        killed.await(5, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            raise();
            stepped.run();
            respond("informal", "sw-" + n, "SOCIAL_WORKER");
            stepped.run();
            String from = "informal";
            for (String stage : FORMAL_STAGES) {
                escalate(from, stage);
                stepped.run();
                if (stage.equals("stage-3")) {
                    markAsOf();
                }
                if (!stage.equals("stage-7")) {
                    respond(stage, (stage.equals("stage-2") ? "tm-" : "sm-") + n,
                            stage.equals("stage-2") ? "TEAM_MANAGER" : "SENIOR_MANAGER");
                    stepped.run();
                }
                from = stage;
            }
        }

        /** After the missed deadline: CAFCASS at the last stage, resolved, monitored, closed. */
        void toClosed() {
            step("CAFCASS referral", "/api/v1/disputes/" + id + "/cafcass-referral", token(iro, "IRO"), """
                    {"reason":"Still no school place after the whole ladder."}""");
            step("resolve", "/api/v1/disputes/" + id + "/resolve", token(iro, "IRO"), """
                    {"outcome":"RESOLVED","summary":"A place is agreed at the panel."}""");
            step("monitoring outcome", "/api/v1/disputes/" + id + "/monitoring-outcome", token(iro, "IRO"), """
                    {"achieved":true,"notes":"The child started school."}""");
            step("close", "/api/v1/disputes/" + id + "/close", token(iro, "IRO"), null);
        }

        private void markAsOf() {
            Api.pause(Duration.ofMillis(20));
            asOf = Instant.now();
            versionAsOf = answers.get(answers.size() - 1).version();
            Api.pause(Duration.ofMillis(20));
        }

        /**
         * One answer per command: a command whose answer died with its instance was sent again with the same key,
         * and its replayed answer (the first one) stands for it.
         */
        long appendedByCommands() {
            return answers.stream().mapToLong(Answer::eventsAppended).sum();
        }
    }

    @Test
    void disputesWalkTheWholeTopologyThroughKillsAndAMovedClockWithNothingLostOrDuplicated() throws Exception {
        List<Walk> walks = IntStream.rangeClosed(1, DISPUTES).mapToObj(Walk::new).toList();
        ExecutorService pool = Executors.newFixedThreadPool(DISPUTES);
        try {
            // 1. Up the ladder, several disputes at once; one instance of each service is killed half-way.
            long started = System.nanoTime();
            AtomicInteger steps = new AtomicInteger();
            int stepsPerWalk = 2 + 2 * FORMAL_STAGES.size() - 1;
            CountDownLatch killed = new CountDownLatch(1);
            List<CompletableFuture<Void>> climbing = walks.stream()
                    .map(w -> CompletableFuture.runAsync(() -> w.toLastStage(steps, stepsPerWalk, killed), pool))
                    .toList();
            await("half of the walk", Duration.ofMinutes(3),
                    () -> steps.get() >= DISPUTES * stepsPerWalk / 2 || climbing.stream().anyMatch(f -> f.isDone()));
            climbing.stream().filter(CompletableFuture::isDone).forEach(CompletableFuture::join); // a failure's cause
            assertThat(climbing).as("no walk ended before the kill").noneMatch(CompletableFuture::isDone);
            for (String instance : List.of("dispute-command-1", "dispute-query-1", "deadline-scheduler-1")) {
                topology.kill(instance);
            }
            killed.countDown();
            System.out.println("killed one instance of each service after " + steps.get() + " steps");
            CompletableFuture.allOf(climbing.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            phaseSeconds.put("walk to stage 7 with kills", seconds(started));

            // 2. Nothing is overdue yet in real time: the last stage's deadline waits in the schedule for days ahead
            //    (once the surviving scheduler has taken over the killed one's segment and caught up).
            try (Connection db = topology.database()) {
                for (Walk w : walks) {
                    assertThat(typeCounts(db, w.id).getOrDefault("StageOverdue", 0)).isZero();
                    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                    while (!hasStageDeadline(db, w.id, "stage-7") && System.nanoTime() < until) {
                        Thread.sleep(500);
                    }
                    Instant due = stageDeadline(db, w.id, "stage-7");
                    assertThat(due).as("stage 7's deadline of dispute %d", w.n).isAfter(Instant.now().plusSeconds(3600));
                }
            }

            // 3. The clock moves: dispute-command and deadline-scheduler restarted with iro.clock.offset, the way an
            //    operator would test it; db-scheduler decides what is due by the scheduler's (moved) clock. The
            //    killed query instance comes back with real time and must catch up.
            started = System.nanoTime();
            topology.stop("deadline-scheduler-2");
            inParallel(pool, () -> topology.restart("dispute-command-2", CLOCK_OFFSET),
                    () -> topology.start("dispute-command-1", CLOCK_OFFSET),
                    () -> topology.start("dispute-query-1", "PT0S"));
            inParallel(pool, () -> topology.start("deadline-scheduler-1", CLOCK_OFFSET),
                    () -> topology.start("deadline-scheduler-2", CLOCK_OFFSET));
            phaseSeconds.put("restart with moved clock", seconds(started));
            started = System.nanoTime();
            await("every dispute's stage 7 overdue and total timescale breached", Duration.ofMinutes(2), () -> {
                try (Connection db = topology.database()) {
                    for (Walk w : walks) {
                        Map<String, Integer> types = typeCounts(db, w.id);
                        if (types.getOrDefault("StageOverdue", 0) < 1
                                || types.getOrDefault("StatutoryTimescaleBreached", 0) < 1) {
                            return false;
                        }
                    }
                    return true;
                }
            });
            phaseSeconds.put("deadlines fired", seconds(started));

            // 4. The rest of the walk, under the moved clock.
            started = System.nanoTime();
            CompletableFuture.allOf(walks.stream().map(w -> CompletableFuture.runAsync(w::toClosed, pool))
                    .toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            // Two polling intervals more, so a deadline fired twice would have been seen.
            Api.pause(Duration.ofSeconds(5));
            phaseSeconds.put("walk to closed", seconds(started));

            started = System.nanoTime();
            checkTheStoreAndTheSchedule(walks);
            checkTheQuerySide(walks);
            checkTheTopic(walks);
            phaseSeconds.put("checks", seconds(started));
        } finally {
            pool.shutdownNow();
        }
    }

    static final Map<String, Integer> EXPECTED_TYPES = Map.ofEntries(
            Map.entry("DisputeRaised", 1), Map.entry("StageOpened", 7), Map.entry("StageResponseRecorded", 6),
            Map.entry("DisputeEscalated", 6), Map.entry("FormalProcessStarted", 1), Map.entry("StageOverdue", 1),
            Map.entry("StatutoryTimescaleBreached", 1), Map.entry("ReferredToCafcass", 1),
            Map.entry("DisputeResolved", 1), Map.entry("MonitoringOutcomeRecorded", 1), Map.entry("DisputeClosed", 1));

    private void checkTheStoreAndTheSchedule(List<Walk> walks) throws SQLException {
        try (Connection db = topology.database()) {
            for (Walk w : walks) {
                List<Stored> events = stored(db, w.id);
                assertThat(events.stream().map(Stored::sequence).toList()).as("dispute %d's sequence numbers", w.n)
                        .isEqualTo(IntStream.range(0, events.size()).mapToObj(i -> (long) i).toList());
                // Due-soon reminders: stages 6 and 7 are due one working day after they open, so the scheduler may
                // remind on the day (once a stage, before it is answered); the other stages are answered long before.
                Map<String, Integer> counts = typeCounts(db, w.id);
                int reminders = counts.getOrDefault("StageDueSoon", 0);
                counts.remove("StageDueSoon");
                assertThat(counts).as("dispute %d: every step once, nothing lost", w.n)
                        .isEqualTo(new TreeMap<>(EXPECTED_TYPES));
                List<String> reminded = events.stream().filter(e -> e.type().equals("StageDueSoon"))
                        .map(Stored::stage).toList();
                assertThat(reminded).as("dispute %d's reminders", w.n).doesNotHaveDuplicates()
                        .allMatch(stage -> stage.equals("stage-6") || stage.equals("stage-7"));
                assertThat((long) events.size())
                        .as("events = what the command API answered it appended + 2 fired + reminders")
                        .isEqualTo(w.appendedByCommands() + 2 + reminders);
                assertThat(w.answers.get(w.answers.size() - 1).version()).as("the last answer's version")
                        .isEqualTo(events.size() - 1);
                List<String> overdue = events.stream().filter(e -> e.type().equals("StageOverdue"))
                        .map(Stored::stage).toList();
                assertThat(overdue).as("each deadline fired once: only stage 7, never answered, is overdue")
                        .containsExactly("stage-7");
            }
            try (PreparedStatement st = db.prepareStatement(
                    "SELECT count(*) FROM disputes_scheduler.scheduled_tasks WHERE task_instance LIKE ?")) {
                for (Walk w : walks) {
                    st.setString(1, w.id + "/%");
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("deadlines left for closed dispute %d", w.n).isZero();
                    }
                }
            }
        }
    }

    private void checkTheQuerySide(List<Walk> walks) throws SQLException {
        String auditor = token("aud-1", "AUDITOR");
        try (Connection db = topology.database()) {
            for (Walk w : walks) {
                List<Stored> events = stored(db, w.id);
                long last = events.size() - 1;
                // Both query instances, the one killed and restarted included, reach the last version.
                for (Answer view : getEachUntil200("/api/v1/disputes/" + w.id + "?minVersion=" + last, auditor)) {
                    assertThat(view.json().get("version").asLong()).as(view.toString()).isEqualTo(last);
                    assertThat(view.json().get("status").asText()).isEqualTo("CLOSED");
                    assertThat(view.json().get("cafcassReferred").asBoolean()).isTrue();
                }
                Answer history = query.get("/api/v1/disputes/" + w.id + "/history", auditor);
                assertThat(history.status()).as(history.toString()).isEqualTo(200);
                List<String> historyIds = new ArrayList<>();
                history.json().get("events").forEach(e -> historyIds.add(e.get("eventId").asText()));
                assertThat(historyIds).as("the audit trail of dispute %d", w.n)
                        .isEqualTo(events.stream().map(Stored::eventId).toList());
                Answer verification = query.get("/api/v1/disputes/" + w.id + "/verification", auditor);
                assertThat(verification.json().get("intact").asBoolean()).as(verification.toString()).isTrue();
                assertThat(verification.json().get("events").asLong()).isEqualTo(events.size());

                Answer asOf = query.get("/api/v1/disputes/" + w.id + "?asOf=" + w.asOf, auditor);
                assertThat(asOf.status()).as(asOf.toString()).isEqualTo(200);
                assertThat(asOf.json().get("version").asLong()).as("as of the middle of the walk")
                        .isEqualTo(w.versionAsOf);
                assertThat(asOf.json().at("/currentStage/key").asText()).isEqualTo("stage-3");
                assertThat(asOf.json().get("status").asText()).isEqualTo("OPEN");
            }
        }
    }

    private void checkTheTopic(List<Walk> walks) throws Exception {
        Map<String, List<Stored>> store = new HashMap<>();
        try (Connection db = topology.database()) {
            for (Walk w : walks) {
                store.put(w.id, stored(db, w.id));
            }
        }
        Set<String> expected = store.values().stream().flatMap(List::stream).map(Stored::eventId)
                .collect(Collectors.toSet());
        List<Published> read = TopicRecords.readUntil(topology.kafka(), Topology.TOPIC, Duration.ofSeconds(90),
                r -> r.stream().map(p -> p.header("ce_id")).collect(Collectors.toSet()).containsAll(expected));
        int duplicates = 0;
        for (Walk w : walks) {
            List<Published> records = read.stream().filter(p -> w.id.equals(p.key())).toList();
            assertThat(records.stream().map(Published::partition).distinct()).as("one partition per dispute")
                    .hasSize(1);
            Map<String, Published> firstCopy = new LinkedHashMap<>();
            for (Published p : records) {
                assertThat(p.header("ce_specversion")).as("headers of %s", p).isEqualTo("1.0");
                assertThat(p.header("ce_source")).isEqualTo("/iro-disputes/dispute-command");
                assertThat(p.header("ce_subject")).isEqualTo(w.id);
                assertThat(p.header("content-type")).isEqualTo("application/json");
                assertThat(Instant.parse(p.header("ce_time"))).isBefore(Instant.now());
                assertThat(p.header("ce_dataschema")).startsWith("urn:iro-disputes:schema:events:");
                assertThat(Api.JSON.readTree(p.value()).get("disputeId").asText()).isEqualTo(w.id);
                Published earlier = firstCopy.putIfAbsent(p.header("ce_id"), p);
                if (earlier != null) {
                    // At-least-once: a copy sent again after a crash must be the same event, never a new one.
                    duplicates++;
                    assertThat(p.headers()).as("a second copy of %s", p.header("ce_id")).isEqualTo(earlier.headers());
                    assertThat(p.value()).isEqualTo(earlier.value());
                }
            }
            List<Stored> events = store.get(w.id);
            List<Published> inOrder = List.copyOf(firstCopy.values());
            assertThat(inOrder.stream().map(p -> p.header("ce_id")).toList())
                    .as("dispute %d: every stored event on the topic, once, in the store's order", w.n)
                    .isEqualTo(events.stream().map(Stored::eventId).toList());
            for (int i = 0; i < events.size(); i++) {
                assertThat(inOrder.get(i).header("iro_sequence")).isEqualTo(String.valueOf(i));
                assertThat(inOrder.get(i).header("ce_type"))
                        .startsWith("uk.iro.disputes." + events.get(i).type() + ".v");
            }
        }
        System.out.println("topic: " + read.size() + " records read, " + duplicates + " re-sent copies");
    }

    record Stored(long sequence, String eventId, String type, String stage) {
    }

    private static List<Stored> stored(Connection db, String disputeId) throws SQLException {
        List<Stored> events = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("""
                SELECT sequencenumber, eventidentifier, payloadtype, convert_from(payload, 'UTF8')::json ->> 'stage'
                FROM disputes_command.domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber""")) {
            st.setString(1, disputeId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(3);
                    events.add(new Stored(rs.getLong(1), rs.getString(2), type.substring(type.lastIndexOf('.') + 1),
                            rs.getString(4)));
                }
            }
        }
        return events;
    }

    private static Map<String, Integer> typeCounts(Connection db, String disputeId) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        stored(db, disputeId).forEach(e -> counts.merge(e.type(), 1, Integer::sum));
        return counts;
    }

    private static boolean hasStageDeadline(Connection db, String disputeId, String stage) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(
                "SELECT 1 FROM disputes_scheduler.scheduled_tasks WHERE task_instance = ?")) {
            st.setString(1, disputeId + "/stage-overdue/" + stage);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The stage's overdue deadline (its due-soon reminder is another row, keyed due-soon). */
    private static Instant stageDeadline(Connection db, String disputeId, String stage) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(
                "SELECT execution_time FROM disputes_scheduler.scheduled_tasks WHERE task_instance = ?")) {
            st.setString(1, disputeId + "/stage-overdue/" + stage);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("a scheduled deadline for %s of %s", stage, disputeId).isTrue();
                Timestamp at = rs.getTimestamp(1);
                assertThat(rs.next()).as("one deadline for %s of %s", stage, disputeId).isFalse();
                return at.toInstant();
            }
        }
    }

    private static JsonNode readAtLeast(String id, long version, String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            Answer view = query.get("/api/v1/disputes/" + id + "?minVersion=" + version, token);
            if (view.status() == 200) {
                assertThat(view.json().get("version").asLong()).isGreaterThanOrEqualTo(version);
                return view.json();
            }
            assertThat(view.status()).as("waiting for version %d: %s", version, view).isEqualTo(503);
            assertThat(System.nanoTime()).as("projection of %s reached version %d", id, version).isLessThan(deadline);
        }
    }

    private static List<Answer> getEachUntil200(String path, String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            List<Answer> answers = query.getFromEach(path, token);
            if (answers.stream().allMatch(a -> a.status() == 200)) {
                return answers;
            }
            answers.stream().filter(a -> a.status() != 200)
                    .forEach(a -> assertThat(a.status()).as(a.toString()).isEqualTo(503));
            assertThat(System.nanoTime()).as("both query instances reach %s", path).isLessThan(deadline);
        }
    }

    private static String token(String subject, String role) {
        return tokens.token(subject, role);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Duration limit, Check check) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(250);
        }
    }

    private static void inParallel(ExecutorService pool, Runnable... actions) throws Exception {
        CompletableFuture.allOf(java.util.Arrays.stream(actions).map(a -> CompletableFuture.runAsync(a, pool))
                .toArray(CompletableFuture[]::new)).get(12, TimeUnit.MINUTES);
    }

    private static long seconds(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
    }
}
