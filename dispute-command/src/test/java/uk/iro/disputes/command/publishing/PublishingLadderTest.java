package uk.iro.disputes.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.command.publishing.KafkaFixtures.await;
import static uk.iro.disputes.kernel.dispute.Role.ADMIN;
import static uk.iro.disputes.kernel.dispute.Role.AUDITOR;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.IRO_MANAGER;
import static uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER;
import static uk.iro.disputes.kernel.dispute.Role.SYSTEM;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import uk.iro.disputes.command.api.Api;
import uk.iro.disputes.command.api.CommandServiceTest;
import uk.iro.disputes.command.api.Api.Call;
import uk.iro.disputes.command.api.MutableClock;
import uk.iro.disputes.command.api.TestTokens;
import uk.iro.disputes.command.publishing.KafkaFixtures.Stored;
import uk.iro.disputes.command.publishing.TopicReader.Published;
import uk.iro.disputes.kernel.reporting.ReportingEvents;

/**
 * A real broker in-process (KRaft), the service publishing to it with its default topic and source, and two
 * disputes walked over HTTP through every kind of event there is.
 */
class PublishingLadderTest {
    static final String TOPIC = "iro.disputes.events.v1";
    static final String SOURCE = "/iro-disputes/dispute-command";
    /** Marks every piece of free text the walk sends, so a leak into the stream cannot go unseen. */
    static final String PRIVATE = "PRIVATE-TEXT";

    static EmbeddedKafkaKraftBroker broker;
    static ConfigurableApplicationContext service;
    static Api api;
    static JdbcClient jdbc;
    static MutableClock clock;

    private final String iro = TestTokens.token("iro-17", IRO);

    @BeforeAll
    static void startBrokerAndService() {
        broker = KafkaFixtures.broker(null);
        service = KafkaFixtures.start(broker.getBrokersAsString());
        api = KafkaFixtures.apiOf(service);
        jdbc = service.getBean(JdbcClient.class);
        clock = service.getBean(MutableClock.class);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    private static void ok(Call call) {
        assertThat(call.status()).as(call.toString()).isBetween(200, 201);
    }

    private static String today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/London")).toString();
    }

    private String raiseDurham(String stage, String caseId) {
        Call raised = api.post("/api/v1/disputes", iro, """
                {"policyId":"durham","childCaseId":"%s","responsibleTeam":"Locality East","track":"FORMAL",
                 "startingStage":"%s","categories":["EDUCATION","HEALTH"],"concern":"%s no school place.",
                 "desiredOutcome":"%s a school place this month."}""".formatted(caseId, stage, PRIVATE, PRIVATE));
        ok(raised);
        return raised.disputeId();
    }

    private String dueDateOfLastStage(String id) {
        return CommandServiceTest.dueDateOfLastStage(jdbc, id);
    }

    private static String resolve() {
        return """
                {"outcome":"RESOLVED","summary":"%s plan agreed.",
                 "agreedActions":[{"description":"%s panel date","owner":{"staffId":"sm-2","role":"SENIOR_MANAGER"},
                 "dueBy":"%s"}]}""".formatted(PRIVATE, PRIVATE, LocalDate.now().plusDays(60));
    }

    /** Durham from stage 3 through every step there is; a second dispute referred to CAFCASS and withdrawn. */
    private List<String> walkEveryKindOfEvent() {
        String a = raiseDurham("stage-3", "CASE-K1");
        String due = dueDateOfLastStage(a);
        ok(api.post("/api/v1/disputes/" + a + "/extend", iro, """
                {"stage":"stage-3","newDueDate":"%s","benefitToChild":"%s the report lands first."}"""
                .formatted(LocalDate.parse(due).plusDays(7), PRIVATE)));
        ok(api.post("/api/v1/disputes/" + a + "/meetings", TestTokens.token("sm-2", SENIOR_MANAGER), """
                {"heldOn":"%s","attendeeRoles":["SENIOR_MANAGER","IRO"],"outcome":"NOT_RESOLVED",
                 "summary":"%s minutes."}""".formatted(today(), PRIVATE)));
        ok(api.post("/api/v1/disputes/" + a + "/acknowledge", TestTokens.token("sm-5", SENIOR_MANAGER),
                "{\"stage\":\"stage-3\"}"));
        ok(api.post("/api/v1/disputes/" + a + "/respond", TestTokens.token("sm-5", SENIOR_MANAGER), """
                {"stage":"stage-3","response":"%s we will look again.",
                 "plannedActions":[{"description":"%s ask the school","owner":{"staffId":"tm-8","role":"TEAM_MANAGER"},
                 "dueBy":"%s"}]}""".formatted(PRIVATE, PRIVATE, LocalDate.now().plusDays(30))));
        ok(api.post("/api/v1/disputes/" + a + "/escalate", iro, """
                {"fromStage":"stage-3","reason":"%s not good enough."}""".formatted(PRIVATE)));
        ok(api.post("/api/v1/disputes/" + a + "/child-informed", iro, """
                {"informedOn":"%s","how":"%s at a visit"}""".formatted(today(), PRIVATE)));
        ok(api.post("/api/v1/disputes/" + a + "/legal-advice-request", iro, """
                {"reason":"%s whether the placement meets the plan."}""".formatted(PRIVATE)));
        String stage4Due = dueDateOfLastStage(a);
        String system = TestTokens.token("deadline-scheduler", SYSTEM);
        Call dueSoon = api.post("/internal/v1/disputes/" + a + "/stage-due-soon", system, """
                {"stage":"stage-4","dueDate":"%s"}""".formatted(stage4Due));
        assertThat(dueSoon.json().get("eventsAppended").asInt()).as(dueSoon.toString()).isEqualTo(1);
        clock.advance(Duration.ofDays(45));
        try {
            Call overdue = api.post("/internal/v1/disputes/" + a + "/stage-overdue", system, """
                    {"stage":"stage-4","dueDate":"%s"}""".formatted(stage4Due));
            assertThat(overdue.json().get("eventsAppended").asInt()).as(overdue.toString()).isEqualTo(1);
            Call breached = api.post("/internal/v1/disputes/" + a + "/statutory-timescale-breached", system, null);
            assertThat(breached.json().get("eventsAppended").asInt()).as(breached.toString()).isEqualTo(1);
            ok(api.post("/api/v1/disputes/" + a + "/resolve", iro, resolve()));
            String monitoringDueOn = jdbc.sql("""
                            SELECT convert_from(payload, 'UTF8')::json ->> 'monitoringDueOn' FROM domainevententry
                            WHERE aggregateidentifier = :id AND payloadtype LIKE '%DisputeResolved'""")
                    .param("id", a).query(String.class).single();
            clock.advance(Duration.ofDays(30));
            Call lapsed = api.post("/internal/v1/disputes/" + a + "/monitoring-overdue", system, """
                    {"monitoringDueOn":"%s"}""".formatted(monitoringDueOn));
            assertThat(lapsed.json().get("eventsAppended").asInt()).as(lapsed.toString()).isEqualTo(1);
            ok(api.post("/api/v1/disputes/" + a + "/monitoring-outcome", iro, """
                    {"achieved":false,"nextStep":"REOPEN_AT_LAST_STAGE","notes":"%s not done."}""".formatted(PRIVATE)));
            ok(api.post("/api/v1/disputes/" + a + "/resolve", iro, resolve()));
            ok(api.post("/api/v1/disputes/" + a + "/monitoring-outcome", iro, """
                    {"achieved":true,"notes":"%s done."}""".formatted(PRIVATE)));
            ok(api.post("/api/v1/disputes/" + a + "/close", iro, null));
        } finally {
            clock.reset();
        }

        String b = raiseDurham("stage-7", "CASE-K2");
        ok(api.post("/api/v1/disputes/" + b + "/cafcass-referral", iro, """
                {"reason":"%s still not progressed.","consultee":{"staffId":"irom-3","role":"IRO_MANAGER"}}"""
                .formatted(PRIVATE)));
        ok(api.post("/api/v1/disputes/" + b + "/withdraw", TestTokens.token("irom-3", IRO_MANAGER), """
                {"reason":"%s resolved at the review."}""".formatted(PRIVATE)));
        return List.of(a, b);
    }

    @Test
    void aWalkedLadderArrivesCompleteInOrderWithItsHeadersAndValidAgainstTheSchemas() throws Exception {
        List<String> disputes = walkEveryKindOfEvent();
        List<Stored> stored = KafkaFixtures.stored(jdbc, disputes);
        assertThat(stored.stream().map(Stored::type).collect(Collectors.toSet())).as("every kind of event")
                .hasSize(ReportingEvents.eventTypes().size());

        List<Published> read;
        try (TopicReader reader = new TopicReader(broker.getBrokersAsString(), TOPIC)) {
            read = reader.readUntil("the walk's " + stored.size() + " events", Duration.ofSeconds(60),
                    r -> PublishedStream.containsAll(r, stored));
        }
        assertThat(PublishedStream.assertCompleteAndInOrder(read, stored, SOURCE))
                .as("no failure, so no duplicate").isEmpty();
        assertThat(PublishedStream.types(read, Set.copyOf(disputes))).hasSize(ReportingEvents.eventTypes().size());
        assertThat(read.stream().filter(p -> disputes.contains(p.key())).map(Published::value))
                .as("free text stays behind the API").noneMatch(v -> v.contains(PRIVATE));

        Published raised = PublishedStream.of(read, disputes.get(0)).get(0);
        assertThat(raised.json().get("childCaseId").asText()).isEqualTo("CASE-K1");
        assertThat(raised.json().get("policy").get("id").asText()).isEqualTo("durham");
        assertThat(raised.json().get("categories").toString()).isEqualTo("[\"HEALTH\",\"EDUCATION\"]");

        // The service created the topic itself (the broker auto-creates nothing), to be kept for ever.
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
            TopicDescription topic = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
            assertThat(topic.partitions()).hasSize(3);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
        }

        await("the lag gauge to reach 0", Duration.ofSeconds(20), () -> KafkaFixtures.lag(api) == 0.0);
        assertThat(KafkaFixtures.health(api)).isEqualTo("UP");
    }

    /** A good-practice alert is published on the same topic, keyed by its own id, without its description. */
    @Test
    void aGoodPracticeAlertIsPublishedUnderItsOwnKeyAndSchemas() {
        Call recorded = api.post("/api/v1/good-practice", iro, """
                {"childCaseId":"CASE-K9","responsibleTeam":"Locality East",
                 "description":"%s thoughtful life story work."}""".formatted(PRIVATE));
        ok(recorded);
        String alert = recorded.json().get("alertId").asText();
        ok(api.post("/api/v1/good-practice/" + alert + "/acknowledge",
                TestTokens.token("tm-8", uk.iro.disputes.kernel.dispute.Role.TEAM_MANAGER), null));
        List<Stored> stored = KafkaFixtures.stored(jdbc, List.of(alert));
        assertThat(stored).extracting(Stored::type).containsExactly("GoodPracticeRecorded", "GoodPracticeAcknowledged");

        List<Published> read;
        try (TopicReader reader = new TopicReader(broker.getBrokersAsString(), TOPIC)) {
            read = reader.readUntil("the alert's 2 events", Duration.ofSeconds(60),
                    r -> PublishedStream.containsAll(r, stored));
        }
        assertThat(PublishedStream.assertCompleteAndInOrder(read, stored, SOURCE)).isEmpty();
        List<Published> ours = PublishedStream.of(read, alert);
        assertThat(ours).extracting(p -> p.header("ce_type")).containsExactly(
                "uk.iro.disputes.GoodPracticeRecorded.v1", "uk.iro.disputes.GoodPracticeAcknowledged.v1");
        assertThat(ours).extracting(Published::value).noneMatch(v -> v.contains(PRIVATE));
        assertThat(ours.get(0).json().get("childCaseId").asText()).isEqualTo("CASE-K9");
    }

    @Test
    void anAdminReplaysTheTopicAndConsumersSeeTheSameEventsAgainWithTheirIds() {
        Instant before = Instant.now().minusSeconds(1);
        String id = raiseDurham("stage-2", "CASE-K3");
        ok(api.post("/api/v1/disputes/" + id + "/withdraw", iro, """
                {"reason":"%s raised in error."}""".formatted(PRIVATE)));
        List<Stored> stored = KafkaFixtures.stored(jdbc, List.of(id));

        assertThat(api.post("/api/v1/admin/kafka-publisher/replay", TestTokens.token("aud-1", AUDITOR), null)
                .status()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin/kafka-publisher/replay?from=yesterday", TestTokens.token("adm-1", ADMIN),
                null).status()).isEqualTo(400);

        try (TopicReader reader = new TopicReader(broker.getBrokersAsString(), TOPIC)) {
            reader.readUntil("the dispute's events", Duration.ofSeconds(60),
                    r -> PublishedStream.containsAll(r, stored));

            Call replay = api.post("/api/v1/admin/kafka-publisher/replay?from=" + before,
                    TestTokens.token("adm-1", ADMIN), null);
            assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
            assertThat(replay.json().get("processor").asText()).isEqualTo("kafka-publisher");

            List<Published> read = reader.readUntil("every event twice", Duration.ofSeconds(60),
                    r -> PublishedStream.of(r, id).size() >= 2 * stored.size());
            assertThat(PublishedStream.assertCompleteAndInOrder(read, stored, SOURCE))
                    .as("every event again, under its own ce_id")
                    .containsExactlyInAnyOrderElementsOf(stored.stream().map(Stored::eventId).toList());
        }
        Call status = api.get("/api/v1/admin/kafka-publisher", TestTokens.token("adm-1", ADMIN));
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("topic").asText()).isEqualTo(TOPIC);
        assertThat(status.json().get("running").asBoolean()).isTrue();
    }
}
