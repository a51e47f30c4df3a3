package uk.iro.disputes.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.iro.disputes.kernel.audit.HashChain;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeEvent;
import uk.iro.disputes.query.api.DisputeFinder;
import uk.iro.disputes.query.api.QueryProblem;
import uk.iro.disputes.query.security.Caller;
import uk.iro.disputes.query.security.DisputeAccess;
import uk.iro.disputes.query.security.SecurityProperties;

/** The auditor's view of a dispute: its full trail from the store, and the hash chain recomputed. */
@RestController
@RequestMapping("/api/v1/disputes/{disputeId}")
@Tag(name = "Audit", description = "History and hash-chain verification (AUDITOR)")
@SecurityRequirement(name = "bearer")
public class AuditController {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StoredEvents stored;
    private final Serializer eventSerializer;
    private final DisputeFinder finder;
    private final SecurityProperties security;
    private final Clock clock;

    public AuditController(StoredEvents stored, @Qualifier("eventSerializer") Serializer eventSerializer,
            DisputeFinder finder, SecurityProperties security, Clock clock) {
        this.stored = stored;
        this.eventSerializer = eventSerializer;
        this.finder = finder;
        this.security = security;
        this.clock = clock;
    }

    @GetMapping("/history")
    @Operation(summary = "Every event of the dispute in order: time, actor, role, calling system, what it changed,"
            + " sequence and hash")
    public Map<String, Object> history(@PathVariable String disputeId) {
        DisputeAccess.requireAuditor(Caller.current(security), "A dispute's history");
        List<StoredEvents.Row> rows = stored.of(disputeId);
        if (rows.isEmpty()) {
            throw QueryProblem.notFound("dispute " + disputeId);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("disputeId", disputeId);
        answer.put("events", rows.stream().map(this::entry).toList());
        return answer;
    }

    @GetMapping("/verification")
    @Operation(summary = "Recompute the dispute's hash chain from the store",
            description = "intact, or the first broken sequence and why: CHANGED (an event no longer matches its"
                    + " hash) or MISSING (an event removed; also when the read model saw events the store no longer"
                    + " holds).")
    public Map<String, Object> verification(@PathVariable String disputeId) {
        DisputeAccess.requireAuditor(Caller.current(security), "Verification");
        List<StoredEvents.Row> rows = stored.of(disputeId);
        long projected = finder.projectedVersion(disputeId);
        if (rows.isEmpty() && projected < 0) {
            throw QueryProblem.notFound("dispute " + disputeId);
        }
        Optional<HashChain.Break> broken = HashChain.verify(rows.stream().map(StoredEvents.Row::forChain).toList());
        long lastStored = rows.isEmpty() ? -1 : rows.get(rows.size() - 1).sequence();
        if (broken.isEmpty() && projected > lastStored) {
            // The chain cannot show a removed last event; the read model remembers having seen it.
            broken = Optional.of(new HashChain.Break(lastStored + 1, HashChain.Break.Kind.MISSING,
                    "the read model projected events up to " + projected + ", but the store ends at " + lastStored));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("disputeId", disputeId);
        answer.put("checkedAt", clock.instant());
        answer.put("events", rows.size());
        answer.put("intact", broken.isEmpty());
        broken.ifPresent(b -> {
            answer.put("brokenAt", b.sequence());
            answer.put("kind", b.kind());
            answer.put("reason", b.reason());
        });
        return answer;
    }

    /** One stored event as a history entry (a dispute's or a good-practice alert's). */
    public HistoryEntry entry(StoredEvents.Row row) {
        String change;
        String type = row.payloadType().substring(row.payloadType().lastIndexOf('.') + 1);
        try {
            Object payload = eventSerializer.deserialize(new SimpleSerializedObject<>(row.payload(), byte[].class,
                    row.payloadType(), row.payloadRevision()));
            if (payload instanceof DisputeEvent event) {
                change = ChangeDescriptions.of(event);
            } else if (payload instanceof GoodPracticeEvent event) {
                change = ChangeDescriptions.of(event);
            } else {
                change = "Not a dispute event (" + row.payloadType() + ").";
            }
        } catch (RuntimeException e) {
            change = "The stored payload can no longer be read as a " + type + "; see verification.";
        }
        return new HistoryEntry(row.sequence(), row.globalIndex(), row.eventId(), instant(row.timestamp()), type,
                row.payloadType(), new HistoryEntry.Actor(row.meta("subject"), row.meta("role")), row.meta("client"),
                row.meta("correlationId"), row.meta("causationId"), change, data(row.payload()),
                row.meta(HashChain.PREVIOUS_HASH), row.meta(HashChain.HASH));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(byte[] payload) {
        try {
            return JSON.readValue(payload, LinkedHashMap.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static Instant instant(String timestamp) {
        try {
            return DateTimeUtils.parseInstant(timestamp);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
