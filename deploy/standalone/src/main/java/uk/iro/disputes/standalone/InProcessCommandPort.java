package uk.iro.disputes.standalone;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.iro.disputes.command.application.CommandRejected;
import uk.iro.disputes.command.application.DisputeCommands;
import uk.iro.disputes.command.security.Caller;
import uk.iro.disputes.command.security.StepRoles;
import uk.iro.disputes.kernel.audit.HashChain;
import uk.iro.disputes.kernel.command.RecordMonitoringOverdue;
import uk.iro.disputes.kernel.command.RecordStageDueSoon;
import uk.iro.disputes.kernel.command.RecordStageOverdue;
import uk.iro.disputes.kernel.command.RecordStatutoryTimescaleBreached;
import uk.iro.disputes.kernel.dispute.DisputeId;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.policy.StageKey;
import uk.iro.disputes.kernel.rule.DisputeRuleViolation;
import uk.iro.disputes.scheduler.command.CommandPort;

/**
 * The scheduler's port to dispute-command without HTTP: the same application service the internal endpoints call,
 * as the SYSTEM role, with the same Idempotency-Keys and request fingerprints as the HTTP adapter (so a deadline
 * first sent over HTTP and retried here is still recognised), and the same outcomes: accepted is DONE, a refusal
 * retrying cannot change is NOTHING_TO_DO, anything else (refused for who acts, a failure) is RETRY.
 */
final class InProcessCommandPort implements CommandPort {
    private static final Logger log = LoggerFactory.getLogger(InProcessCommandPort.class);
    static final String SUBJECT = "deadline-scheduler";
    private static final Caller SCHEDULER = new Caller(SUBJECT, Set.of(Role.SYSTEM), SUBJECT);

    private final DisputeCommands commands;

    InProcessCommandPort(DisputeCommands commands) {
        this.commands = commands;
    }

    @Override
    public Outcome recordStageOverdue(String disputeId, String stage, LocalDate dueDate) {
        String path = "/internal/v1/disputes/" + disputeId + "/stage-overdue";
        String body = "{\"dueDate\":\"" + dueDate + "\",\"stage\":\"" + stage + "\"}";
        return send("RecordStageOverdue", disputeId, path, body,
                "stage-overdue/" + disputeId + "/" + stage + "/" + dueDate,
                id -> new RecordStageOverdue(id, StageKey.of(stage), dueDate));
    }

    @Override
    public Outcome recordStatutoryTimescaleBreached(String disputeId) {
        String path = "/internal/v1/disputes/" + disputeId + "/statutory-timescale-breached";
        return send("RecordStatutoryTimescaleBreached", disputeId, path, "null", "statutory-breach/" + disputeId,
                RecordStatutoryTimescaleBreached::new);
    }

    @Override
    public Outcome recordStageDueSoon(String disputeId, String stage, LocalDate dueDate) {
        String path = "/internal/v1/disputes/" + disputeId + "/stage-due-soon";
        String body = "{\"dueDate\":\"" + dueDate + "\",\"stage\":\"" + stage + "\"}";
        return send("RecordStageDueSoon", disputeId, path, body,
                "stage-due-soon/" + disputeId + "/" + stage + "/" + dueDate,
                id -> new RecordStageDueSoon(id, StageKey.of(stage), dueDate));
    }

    @Override
    public Outcome recordMonitoringOverdue(String disputeId, LocalDate monitoringDueOn) {
        String path = "/internal/v1/disputes/" + disputeId + "/monitoring-overdue";
        String body = "{\"monitoringDueOn\":\"" + monitoringDueOn + "\"}";
        return send("RecordMonitoringOverdue", disputeId, path, body,
                "monitoring-overdue/" + disputeId + "/" + monitoringDueOn,
                id -> new RecordMonitoringOverdue(id, monitoringDueOn));
    }

    private Outcome send(String name, String disputeId, String path, String body, String idempotencyName,
            Function<DisputeId, Object> command) {
        try {
            DisputeId id = DisputeId.of(disputeId);
            Function<StaffReference, Object> asActor = actor -> command.apply(id);
            commands.execute(new DisputeCommands.Request(name, id.value(), false, SCHEDULER, StepRoles.SCHEDULER,
                    asActor, null,
                    UUID.nameUUIDFromBytes(idempotencyName.getBytes(StandardCharsets.UTF_8)).toString(),
                    fingerprint(path, body), UUID.randomUUID().toString()));
            return Outcome.DONE;
        } catch (DisputeRuleViolation e) {
            // The API answers 403 for a rule about who acts (our configuration), 409 for the process's rules.
            return classify(name, disputeId, e.rule().aboutWhoActs() ? 403 : 409, e.getMessage());
        } catch (CommandRejected e) {
            return refused(name, disputeId, e);
        } catch (IllegalArgumentException e) {
            return classify(name, disputeId, 400, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("{} for {} failed: will retry", name, disputeId, e);
            return Outcome.RETRY;
        }
    }

    /** A command dispute-command refused; one that lost a race with another on the dispute is sent again. */
    static Outcome refused(String name, String disputeId, CommandRejected e) {
        if ("concurrent-change".equals(e.code())) {
            log.info("{} for {} met a concurrent change of the dispute: will retry", name, disputeId);
            return Outcome.RETRY;
        }
        return classify(name, disputeId, e.status(), e.getMessage());
    }

    /** As the HTTP adapter: 401/403 are configuration, 408/429 transient, so retried; other 4xx end the deadline. */
    static Outcome classify(String name, String disputeId, int status, String detail) {
        if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 429) {
            log.info("{} for {} refused with {}: nothing to do ({})", name, disputeId, status, detail);
            return Outcome.NOTHING_TO_DO;
        }
        log.warn("{} for {} refused with {}: will retry ({})", name, disputeId, status, detail);
        return Outcome.RETRY;
    }

    /** The fingerprint dispute-command's HTTP endpoints compute: method, path and the body's canonical JSON. */
    private static String fingerprint(String path, String json) {
        String canonical = "POST " + path + "\n" + HashChain.canonicalJson(json.getBytes(StandardCharsets.UTF_8));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
