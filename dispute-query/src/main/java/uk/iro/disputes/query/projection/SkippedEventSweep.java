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
import uk.iro.disputes.kernel.event.StreamTypes;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeEvent;
import uk.iro.disputes.query.goodpractice.GoodPracticeProjection;

/**
 * Catches events the streaming processor went past without seeing. Axon's JDBC engine forgets a gap in the global
 * index when the transaction that took it commits after the gap timeout, or when the events after the gap are
 * stamped older than the timeout (AxonFramework issue 4829: skipped for good, nothing logged). Every
 * {@code iro.query.sweep-interval} this compares, for the streams written in the last
 * {@code iro.query.sweep-window} global indexes up to the projection's settled position, each stream's last sequence
 * number with its row's version (a dispute's row, or a good-practice alert's, which the same processor projects), and
 * projects what is missing from the store, in order (idempotently, like the processor). The settled position stops
 * below any gap the processor still waits for: an event committed late into such a gap is on its way to the
 * processor, and sweeping it too would project it twice over and report it as skipped when it was not.
 */
@Component
public class SkippedEventSweep {
    private static final Logger log = LoggerFactory.getLogger(SkippedEventSweep.class);
    private final JdbcClient jdbc;
    private final EventStorageEngine events;
    private final DisputeReadModel readModel;
    private final GoodPracticeProjection goodPractice;
    private final ProjectionStatus status;
    private final TransactionTemplate transactions;
    private final String eventTable;
    private final long window;
    private final Counter swept;

    public SkippedEventSweep(JdbcClient jdbc, EventStorageEngine events, DisputeReadModel readModel,
            GoodPracticeProjection goodPractice, ProjectionStatus status, TransactionTemplate transactions,
            EventSchema schema, MeterRegistry meters, @Value("${iro.query.sweep-window:50000}") long window) {
        this.jdbc = jdbc;
        this.events = events;
        this.readModel = readModel;
        this.goodPractice = goodPractice;
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
        long position = status.settledPosition();
        if (position < 0) {
            return List.of();
        }
        List<String> caughtUp = new java.util.ArrayList<>();
        for (StreamKind stream : StreamKind.values()) {
            List<String> behind = jdbc.sql("SELECT e.aggregateidentifier FROM " + eventTable + " e"
                            + " LEFT JOIN " + stream.table + " r ON r." + stream.idColumn + " = e.aggregateidentifier"
                            + " WHERE e.globalindex > :from AND e.globalindex <= :position AND e.type = :type"
                            + " GROUP BY e.aggregateidentifier, r.version"
                            + " HAVING max(e.sequencenumber) > COALESCE(r.version, -1)")
                    .param("from", position - window).param("position", position)
                    .param("type", stream.aggregateType)
                    .query(String.class).list();
            for (String id : behind) {
                if (parked(id)) {
                    continue;   // the dead-letter queue holds this stream's events; its retry brings them in order
                }
                int applied = transactions.execute(tx -> catchUp(stream, id));
                if (applied > 0) {
                    log.warn("{} {}: {} event(s) the processor went past unseen were projected by the sweep",
                            stream.aggregateType, id, applied);
                    swept.increment(applied);
                    caughtUp.add(id);
                }
            }
        }
        return caughtUp;
    }

    /** The kinds of stream the projection's processor keeps a row for, each with the row's table. */
    private enum StreamKind {
        DISPUTE(StreamTypes.DISPUTE, "dispute", "dispute_id"),
        GOOD_PRACTICE_ALERT(StreamTypes.GOOD_PRACTICE_ALERT, "good_practice", "alert_id");

        final String aggregateType;
        final String table;
        final String idColumn;

        StreamKind(String aggregateType, String table, String idColumn) {
            this.aggregateType = aggregateType;
            this.table = table;
            this.idColumn = idColumn;
        }
    }

    private boolean parked(String id) {
        return jdbc.sql("SELECT count(*) FROM deadletterentry WHERE processinggroup = :group"
                        + " AND sequenceidentifier = :id")
                .param("group", DisputeProjection.PROCESSOR).param("id", id).query(Long.class).single() > 0;
    }

    private int catchUp(StreamKind stream, String id) {
        long version = jdbc.sql("SELECT version FROM " + stream.table + " WHERE " + stream.idColumn + " = :id"
                        + " FOR UPDATE").param("id", id)
                .query(Long.class).optional().orElse(-1L);
        int applied = 0;
        for (DomainEventMessage<?> m : events.readEvents(id, version + 1).asStream().toList()) {
            if (m.getPayload() instanceof DisputeEvent event) {
                readModel.apply(event, m.getSequenceNumber(), m.getTimestamp(), m.getMetaData());
            } else if (m.getPayload() instanceof GoodPracticeEvent event) {
                goodPractice.apply(event, m.getSequenceNumber(), m.getTimestamp());
            } else {
                continue;
            }
            applied++;
        }
        return applied;
    }
}
