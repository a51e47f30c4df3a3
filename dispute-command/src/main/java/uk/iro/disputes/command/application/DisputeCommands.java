package uk.iro.disputes.command.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import uk.iro.disputes.command.audit.AuditMetadata;
import uk.iro.disputes.command.idempotency.IdempotencyStore;
import uk.iro.disputes.command.security.Caller;
import uk.iro.disputes.kernel.dispute.Role;
import uk.iro.disputes.kernel.dispute.StaffReference;
import uk.iro.disputes.kernel.event.StreamTypes;
import uk.iro.disputes.kernel.rule.DisputeRuleViolation;

/**
 * Runs one API request as one transaction: claim the Idempotency-Key, check If-Match, send the command to the
 * aggregate (whose unit of work joins this transaction), take the new version from what it appended, remember the
 * answer. Either all
 * of it commits or none of it does.
 */
@Service
public class DisputeCommands {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandGateway commandGateway;
    private final IdempotencyStore idempotency;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final AppendedVersions appendedVersions;

    public DisputeCommands(CommandGateway commandGateway, IdempotencyStore idempotency, JdbcClient jdbc,
            TransactionTemplate transaction, MeterRegistry meters, AppendedVersions appendedVersions) {
        this.commandGateway = commandGateway;
        this.idempotency = idempotency;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.meters = meters;
        this.appendedVersions = appendedVersions;
    }

    /**
     * One command request.
     *
     * @param name the command's name, for metrics
     * @param creates true for the command that starts a dispute's stream
     * @param allowedRoles the roles that may attempt the step at all (the aggregate then checks the person)
     * @param command builds the command for the actor the caller acts as
     * @param expectedVersion from If-Match, or null
     * @param idempotencyKey from Idempotency-Key, or null
     * @param requestHash a fingerprint of the request, compared when a key is reused
     * @param aggregateType the kind of stream the id must name ({@link StreamTypes#DISPUTE} or
     *     {@link StreamTypes#GOOD_PRACTICE_ALERT}):
     *     a good-practice alert's id is not a dispute's, and neither takes the other's commands
     */
    public record Request(String name, String disputeId, boolean creates, Caller caller, Set<Role> allowedRoles,
            Function<StaffReference, Object> command, Long expectedVersion, String idempotencyKey, String requestHash,
            String correlationId, String aggregateType) {

        public Request(String name, String disputeId, boolean creates, Caller caller, Set<Role> allowedRoles,
                Function<StaffReference, Object> command, Long expectedVersion, String idempotencyKey,
                String requestHash, String correlationId) {
            this(name, disputeId, creates, caller, allowedRoles, command, expectedVersion, idempotencyKey, requestHash,
                    correlationId, StreamTypes.DISPUTE);
        }
    }

    /** The answer, and whether it is a replay of the first answer to the same Idempotency-Key. */
    public record Answer(int status, CommandResult result, boolean replayed) {
    }

    public Answer execute(Request request) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            Answer answer = transaction.execute(tx -> run(request));
            outcome = answer.replayed() ? "replayed" : "accepted";
            return answer;
        } catch (DisputeRuleViolation e) {
            outcome = e.rule().aboutWhoActs() ? "forbidden" : "rejected";
            throw e;
        } catch (CommandRejected e) {
            outcome = e.code();
            throw e;
        } finally {
            String command = request.name();
            String result = outcome;
            // Looked up once per command and outcome: registering again per command built the meter's id each time.
            sample.stop(timers.computeIfAbsent(command + '/' + result, k -> Timer.builder("iro.commands")
                    .description("Commands handled, by type and outcome").tag("command", command)
                    .tag("outcome", result).publishPercentileHistogram().register(meters)));
        }
    }

    private Answer run(Request request) {
        Caller caller = request.caller();
        // The role check comes first, so a remembered answer is never replayed to a caller no longer allowed the step.
        Role role = caller.actingRoleAmong(request.allowedRoles()).orElseThrow(() -> CommandRejected.forbidden(
                "this step is taken by " + request.allowedRoles() + "; the caller holds " + caller.roles()));
        if (request.idempotencyKey() != null) {
            var remembered = idempotency.claim(caller.subject(), request.idempotencyKey(), request.requestHash());
            if (remembered.isPresent()) {
                var first = remembered.get();
                if (!first.requestHash().equals(request.requestHash())) {
                    throw CommandRejected.keyReused();
                }
                return new Answer(first.status(), read(first.body()), true);
            }
        }
        Stream stream = streamOf(request.disputeId());
        long before = stream.version();
        if (!request.creates() && (before < 0 || !request.aggregateType().equals(stream.type()))) {
            throw StreamTypes.GOOD_PRACTICE_ALERT.equals(request.aggregateType())
                    ? CommandRejected.alertNotFound(request.disputeId())
                    : CommandRejected.notFound(request.disputeId());
        }
        if (request.expectedVersion() != null && request.expectedVersion() != before) {
            throw CommandRejected.stale(request.expectedVersion(), before);
        }
        long after;
        try (AppendedVersions.Scope appended = appendedVersions.open()) {
            dispatch(request, caller, role, before);
            // What this transaction appended is the stream's end; a command may append nothing (a scheduler's
            // reminder no longer due), and then the stream is where it was.
            after = appended.lastAppended(request.disputeId()).orElse(before);
        }
        CommandResult result = new CommandResult(request.disputeId(), after, (int) (after - before));
        int status = request.creates() ? 201 : 200;
        if (request.idempotencyKey() != null) {
            idempotency.remember(caller.subject(), request.idempotencyKey(), status, request.disputeId(), after,
                    write(result));
        }
        return new Answer(status, result, false);
    }

    private void dispatch(Request request, Caller caller, Role role, long streamVersion) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(AuditMetadata.SUBJECT, caller.subject());
        metaData.put(AuditMetadata.ROLE, role.name());
        if (caller.client() != null) {
            metaData.put(AuditMetadata.CLIENT, caller.client());
        }
        metaData.put(AuditMetadata.CORRELATION_ID, request.correlationId());
        if (request.expectedVersion() != null) {
            metaData.put(AuditMetadata.EXPECTED_VERSION, request.expectedVersion());
        }
        if (streamVersion >= 0) {
            metaData.put(AuditMetadata.STREAM, request.disputeId());
            metaData.put(AuditMetadata.STREAM_VERSION, streamVersion);
        }
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(
                request.command().apply(caller.as(role))).andMetaData(metaData);
        try {
            commandGateway.sendAndWait(message);
        } catch (RuntimeException e) {
            throw translate(e, request.disputeId());
        }
    }

    private static RuntimeException translate(RuntimeException thrown, String disputeId) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof DisputeRuleViolation violation) {
                return violation;
            }
            if (cause instanceof AggregateNotFoundException) {
                return CommandRejected.notFound(disputeId);
            }
            if (cause instanceof ConflictingAggregateVersionException conflict) {
                return CommandRejected.stale(conflict.getExpectedVersion(), conflict.getActualVersion());
            }
            if (cause instanceof ConcurrencyException) {
                return CommandRejected.concurrentChange();
            }
        }
        return thrown;
    }

    /** A stream's version (-1 when it has no events) and the aggregate type of its first event. */
    private record Stream(long version, String type) {
    }

    /**
     * From the open {@link StreamBatch} when it holds the stream, else one round trip; each part is answered from the
     * (aggregateidentifier, sequencenumber) index.
     */
    private Stream streamOf(String id) {
        StreamBatch batch = StreamBatch.current();
        List<? extends DomainEventData<?>> read = batch == null ? null : batch.stream(id);
        if (read != null) {
            if (read.isEmpty()) {
                return new Stream(-1, null);
            }
            DomainEventData<?> first = read.get(0);
            return new Stream(read.get(read.size() - 1).getSequenceNumber(),
                    first.getSequenceNumber() == 0 ? first.getType() : null);
        }
        return jdbc.sql("""
                        SELECT (SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = :id),
                               (SELECT type FROM domainevententry WHERE aggregateidentifier = :id AND sequencenumber = 0)""")
                .param("id", id)
                .query((rs, i) -> {
                    long version = rs.getLong(1);
                    return new Stream(rs.wasNull() ? -1 : version, rs.getString(2));
                })
                .single();
    }

    private static String write(CommandResult result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CommandResult read(String body) {
        try {
            return JSON.readValue(body, CommandResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable remembered answer", e);
        }
    }
}
