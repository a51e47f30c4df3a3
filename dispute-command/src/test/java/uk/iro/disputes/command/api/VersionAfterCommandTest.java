package uk.iro.disputes.command.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.IRO;
import static uk.iro.disputes.kernel.dispute.Role.SENIOR_MANAGER;
import static uk.iro.disputes.kernel.dispute.Role.SYSTEM;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.command.api.Api.Call;

/**
 * The version a command answers (body and ETag) is taken from the events it appended, not read back: it must be
 * what {@code max(sequencenumber)} says once the command has committed, however many events it appended.
 */
class VersionAfterCommandTest extends CommandServiceTest {
    private final String iro = TestTokens.token("iro-17", IRO);

    private long storedVersion(String id) {
        return jdbc.sql("SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = :id")
                .param("id", id).query(Long.class).single();
    }

    private void answersTheStoredVersion(Call call, String id, int appended) {
        assertThat(call.status()).as(call.toString()).isBetween(200, 201);
        assertThat(call.version()).as(call.toString()).isEqualTo(storedVersion(id));
        assertThat(call.header("ETag")).isEqualTo("\"" + storedVersion(id) + "\"");
        assertThat(call.json().get("eventsAppended").asInt()).as(call.toString()).isEqualTo(appended);
    }

    @Test
    void raiseRespondAndEscalateAnswerTheVersionTheirEventsLeft() {
        Call raised = api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally("CASE-V1"));
        String id = raised.disputeId();
        answersTheStoredVersion(raised, id, 3);
        assertThat(raised.version()).isEqualTo(2);

        Call responded = api.post("/api/v1/disputes/" + id + "/respond", TestTokens.token("sm-5", SENIOR_MANAGER),
                Requests.respond("stage-1"));
        answersTheStoredVersion(responded, id, 1);

        Call escalated = api.post("/api/v1/disputes/" + id + "/escalate", iro, Requests.escalate("stage-1"));
        answersTheStoredVersion(escalated, id, 2);
        assertThat(escalated.version()).isEqualTo(5);
    }

    @Test
    void aCommandThatAppendsNothingAnswersTheVersionItFound() {
        String id = api.post("/api/v1/disputes", iro, Requests.raiseWakefieldFormally("CASE-V2")).disputeId();
        long before = storedVersion(id);
        // The first stage is not due for weeks: the scheduler's overdue command has nothing to record.
        Call notDue = api.post("/internal/v1/disputes/" + id + "/stage-overdue",
                TestTokens.token("deadline-scheduler", SYSTEM),
                "{\"stage\":\"stage-1\",\"dueDate\":\"" + LocalDate.now().plusDays(20) + "\"}");

        answersTheStoredVersion(notDue, id, 0);
        assertThat(notDue.version()).isEqualTo(before);
    }
}
