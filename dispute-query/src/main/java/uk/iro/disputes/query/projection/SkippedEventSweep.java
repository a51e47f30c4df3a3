package uk.iro.disputes.query.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import uk.iro.disputes.kernel.event.DisputeEvent;

/**
 * Catches events the streaming processor went past without seeing. Axon's JDBC engine forgets a gap in the global
 * index when the transaction that took it commits after the gap timeout, or when the events after the gap are
 * stamped older than the timeout (AxonFramework issue 4829: skipped for good, nothing logged). Every
 * {@code iro.query.sweep-interval} this compares, for the streams written in the last
 * {@code iro.query.sweep-window} global indexes up to the projection's position, each stream's last sequence number
 * with its row's version, and projects what is missing from the store, in order (idempotently, like the processor).
 */
@Component
public class SkippedEventSweep {
    private static final Logger log = LoggerFactory.getLogger(SkippedEventSweep.class);
    private final JdbcClient jdbc;
    private final EventStorageEngine events;
    private final DisputeReadModel readModel;
    private final ProjectionStatus status;
    private final TransactionTemplate transactions;
    private final String eventTable;
    private final long window;
    private final Counter swept;

    public SkippedEventSweep(JdbcClient jdbc, EventStorageEngine events, DisputeReadModel readModel,
            ProjectionStatus status, TransactionTemplate transactions, EventSchema schema, MeterRegistry meters,
            @Value("${iro.query.sweep-window:50000}") long window) {
        this.jdbc = jdbc;
        this.events = events;
        this.readModel = readModel;
        this.status = status;
        this.transactions = transactions;
        this.eventTable = schema.domainEventTable();
        this.window = window;
        this.swept = Counter.builder("iro.projection.swept").baseUnit("events")
                .description("Events the processor went past unseen and the sweep projected").register(meters);
    }

    @Scheduled(fixedDelayString = "${iro.query.sweep-interval:60s}", initialDelayString = "${iro.query.sweep-interval:60s}")
    public void sweep() {
        try {
            sweepOnce();
        } catch (RuntimeException e) {
            log.warn("the sweep for skipped events failed; it runs again later", e);
        }
    }

    /** Returns the disputes it brought up to date. */
    public List<String> sweepOnce() {
        long position = status.lowestPosition();
        if (position < 0) {
            return List.of();
        }
        List<String> behind = jdbc.sql("SELECT e.aggregateidentifier FROM " + eventTable + " e"
                        + " LEFT JOIN dispute d ON d.dispute_id = e.aggregateidentifier"
                        + " WHERE e.globalindex > :from AND e.globalindex <= :position"
                        + " GROUP BY e.aggregateidentifier, d.version"
                        + " HAVING max(e.sequencenumber) > COALESCE(d.version, -1)")
                .param("from", position - window).param("position", position)
                .query(String.class).list();
        List<String> caughtUp = new java.util.ArrayList<>();
        for (String id : behind) {
            if (parked(id)) {
                continue;   // the dead-letter queue holds this dispute's events; its retry brings them in order
            }
            int applied = transactions.execute(tx -> catchUp(id, position));
            if (applied > 0) {
                log.warn("dispute {}: {} event(s) the processor went past unseen were projected by the sweep", id,
                        applied);
                swept.increment(applied);
                caughtUp.add(id);
            }
        }
        return caughtUp;
    }

    private boolean parked(String id) {
        return jdbc.sql("SELECT count(*) FROM deadletterentry WHERE processinggroup = :group"
                        + " AND sequenceidentifier = :id")
                .param("group", DisputeProjection.PROCESSOR).param("id", id).query(Long.class).single() > 0;
    }

    private int catchUp(String id, long position) {
        long version = jdbc.sql("SELECT version FROM dispute WHERE dispute_id = :id FOR UPDATE").param("id", id)
                .query(Long.class).optional().orElse(-1L);
        int applied = 0;
        for (DomainEventMessage<?> m : events.readEvents(id, version + 1).asStream().toList()) {
            if (!(m.getPayload() instanceof DisputeEvent event)) {
                continue;
            }
            readModel.apply(event, m.getSequenceNumber(), m.getTimestamp(), m.getMetaData());
            applied++;
        }
        return applied;
    }
}
