package uk.iro.disputes.query.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeEvent;
import uk.iro.disputes.query.goodpractice.GoodPracticeProjection;

/**
 * The replay of a rebuild, done stream by stream instead of event by event through the processor (issue 8).
 *
 * <p>Replayed through the processor, events come in the order of the store, so a dispute of five events is written
 * five times, in five batches, with Axon's handling around each event. Here every stream is read whole, in the order
 * of the store's stream index, in one read-only snapshot of the store, and made into messages by
 * {@link StoredEventDecoder}; each dispute is folded in memory (by {@link DisputeReadModel#fold}, as in a batch) and
 * written once, {@value #DISPUTES_PER_WRITE} disputes to a transaction, by two writer threads while the reading
 * thread goes on. The read models come out as the processor would have made them: the same fold, the same
 * statements, the same listeners.
 *
 * <p>It runs between the reset (read models emptied, indexes deferred, tokens set to replay from the start) and the
 * processor's start, holding every segment's claim. When it has written every stream it sets each segment's token
 * to the snapshot's head (with the global indexes missing below it as gaps, as Axon's engine would have them), and
 * the processor goes on from there. If anything fails (a fold, a write, a claim, the service stopping), the tokens
 * are left as the reset made them and the processor replays the store event by event, as it did before this
 * existed: it skips every event a written dispute already holds (by version), and its careful path and dead-letter
 * queue deal with the event that failed. A crash half-way leaves the same.
 */
@Component
public class BulkRebuild {
    private static final Logger log = LoggerFactory.getLogger(BulkRebuild.class);
    /**
     * Small enough that the chunks in flight (each dispute's folds and rows, until written) die young: with 500, they
     * outlived the collector's young collections, which copied them on, and dispute-query spent about a third more CPU
     * on a million-event replay (issue 8).
     */
    private static final int DISPUTES_PER_WRITE = 100;
    private static final int WRITERS = 2;
    /** How far below the head a missing global index still counts as a gap (Axon's JDBC engine's default). */
    private static final int MAX_GAP_OFFSET = 10_000;
    /** How often the segments' claims are extended while the streams are read: well within the claim timeout. */
    private static final Duration EXTEND_CLAIMS = Duration.ofSeconds(5);
    private static final String FIELDS = "globalindex, type, aggregateidentifier, sequencenumber, eventidentifier,"
            + " timestamp, payloadtype, payloadrevision, payload, metadata";

    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final DisputeReadModel readModel;
    private final GoodPracticeProjection goodPractice;
    private final Serializer eventSerializer;
    private final Configuration axon;
    private final TokenStore tokenStore;
    private final String eventTable;
    private final AtomicReference<Progress> progress = new AtomicReference<>();
    private volatile boolean stopping;
    /** Runs before the store is read; tests hold a replay here. */
    volatile Runnable beforeRead = () -> { };

    public BulkRebuild(DataSource dataSource, PlatformTransactionManager transactionManager,
            DisputeReadModel readModel, GoodPracticeProjection goodPractice,
            @Qualifier("eventSerializer") Serializer eventSerializer, Configuration axon, TokenStore tokenStore,
            EventSchema schema) {
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
        this.readModel = readModel;
        this.goodPractice = goodPractice;
        this.eventSerializer = eventSerializer;
        this.axon = axon;
        this.tokenStore = tokenStore;
        this.eventTable = schema.domainEventTable();
    }

    /**
     * How the latest rebuild of this instance went, or is going; null if there was none since it started.
     *
     * @param running true while the streams are being read and written
     * @param events events read so far (all of them, once done)
     * @param of the events in the snapshot
     * @param disputes disputes written so far
     * @param outcome {@code running}, {@code done} (the processor went on from the head) or {@code fell-back} (the
     *     processor replays event by event)
     */
    public record Progress(boolean running, long events, long of, long disputes, Instant started, Double seconds,
            String outcome, String failure) {
    }

    public Progress progress() {
        return progress.get();
    }

    public boolean running() {
        Progress p = progress.get();
        return p != null && p.running();
    }

    /**
     * Runs the replay on a thread of its own, then starts the processor, whichever way the replay ended. Call with
     * the processor shut down and its tokens just reset.
     */
    public synchronized void startThenResume(StreamingEventProcessor processor) {
        if (running()) {
            throw new IllegalStateException("a rebuild is running");
        }
        progress.set(new Progress(true, 0, 0, 0, Instant.now(), null, "running", null));
        Thread thread = new Thread(() -> {
            try {
                runOnce(processor.getName());
            } finally {
                if (!stopping) {
                    processor.start();
                }
            }
        }, "bulk-rebuild");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops a running replay at its next event: the processor will replay from the start when next started. */
    @jakarta.annotation.PreDestroy
    void stop() {
        stopping = true;
    }

    /** The replay, start to end, on the caller's thread; false if it fell back. */
    boolean runOnce(String processorName) {
        long started = System.nanoTime();
        Map<Integer, TrackingToken> claimed = new TreeMap<>();
        try {
            claim(processorName, claimed);
            beforeRead.run();
            Snapshot snapshot = replay(processorName, claimed.keySet());
            transactions.executeWithoutResult(tx -> claimed.forEach((segment, token) -> {
                TrackingToken resetAt = token instanceof ReplayToken replay ? replay.getTokenAtReset() : null;
                TrackingToken head = snapshot.head();
                tokenStore.storeToken(resetAt == null || head == null ? head
                        : ReplayToken.createReplayToken(resetAt, head), processorName, segment);
            }));
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.set(new Progress(false, snapshot.events(), snapshot.events(), snapshot.disputes(),
                    progress.get().started(), seconds, "done", null));
            log.info("rebuild: {} events of {} disputes replayed stream by stream in {} s; the projection goes on from"
                    + " global index {}", snapshot.events(), snapshot.disputes(), Math.round(seconds * 10) / 10.0,
                    snapshot.headIndex());
            return true;
        } catch (RuntimeException | SQLException | InterruptedException | Error e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Progress p = progress.get();
            progress.set(new Progress(false, p.events(), p.of(), p.disputes(), p.started(),
                    (System.nanoTime() - started) / 1e9, "fell-back", e.toString()));
            log.warn("rebuild: the replay stream by stream stopped ({}); the projection replays the store event by"
                    + " event instead, keeping what was written", e.toString());
            return false;
        } finally {
            releaseClaims(processorName, claimed.keySet());
        }
    }

    private void claim(String processorName, Map<Integer, TrackingToken> claimed) {
        transactions.executeWithoutResult(tx -> {
            for (int segment : tokenStore.fetchSegments(processorName)) {
                claimed.put(segment, tokenStore.fetchToken(processorName, segment));
            }
        });
    }

    private void releaseClaims(String processorName, Iterable<Integer> segments) {
        try {
            transactions.executeWithoutResult(tx -> segments.forEach(s -> tokenStore.releaseClaim(processorName, s)));
        } catch (RuntimeException e) {
            log.warn("rebuild: releasing the segments' claims failed ({}); they time out", e.toString());
        }
    }

    /** What the replay read: the head token the processor goes on from, how many events and disputes. */
    record Snapshot(long headIndex, TrackingToken head, long events, long disputes) {
    }

    private Snapshot replay(String processorName, Iterable<Integer> segments)
            throws SQLException, InterruptedException {
        // Two writers, each chunk in a transaction of its own: while PostgreSQL loads one chunk's rows, the other's are
        // made ready. Every stream lies whole in one chunk, so the order the chunks commit in does not matter.
        ExecutorService writer = Executors.newFixedThreadPool(WRITERS, r -> {
            Thread t = new Thread(r, "bulk-rebuild-writer");
            t.setDaemon(true);
            return t;
        });
        // A chunk for each writer and one more waiting: the reader never runs far ahead.
        Semaphore inFlight = new Semaphore(WRITERS + 1);
        AtomicReference<Throwable> writeFailure = new AtomicReference<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try (Statement s = c.createStatement()) {
                // The streams in the order of their index: a sort of the whole table would spill to disk, and the
                // planner, with stale statistics, may think it cheaper.
                s.execute("SET LOCAL enable_sort = off");
                s.execute("SET LOCAL jit = off");
            }
            long headIndex = single(c, "SELECT COALESCE(MAX(globalindex), -1) FROM " + eventTable);
            long total = single(c, "SELECT count(*) FROM " + eventTable);
            TrackingToken head = headIndex < 0 ? null : GapAwareTrackingToken.newInstance(headIndex, gaps(c, headIndex));
            Progress p = progress.get();
            progress.set(new Progress(true, 0, total, 0, p.started(), null, "running", null));
            Folding folding = new Folding();
            long lastExtended = System.nanoTime();
            try (PreparedStatement select = c.prepareStatement("SELECT " + FIELDS + " FROM " + eventTable
                    + " ORDER BY aggregateidentifier, sequencenumber")) {
                select.setFetchSize(1000);
                // The payloads in binary, not as bytea's hex text, which the driver would decode on this thread.
                select.unwrap(PGStatement.class).setPrepareThreshold(-1);
                try (ResultSet rs = select.executeQuery();
                        Stream<DomainEventMessage<?>> messages = new StoredEventDecoder(eventSerializer,
                                axon.upcasterChain()).messages(rows(rs))) {
                    Iterator<DomainEventMessage<?>> it = messages.iterator();
                    while (it.hasNext()) {
                        if (stopping) {
                            throw new IllegalStateException("the service is stopping");
                        }
                        Chunk full = folding.take(it.next());
                        if (full != null) {
                            submit(full, writer, inFlight, writeFailure);
                            progress.set(new Progress(true, folding.events, total, folding.disputes, p.started(),
                                    null, "running", null));
                        }
                        if (System.nanoTime() - lastExtended > EXTEND_CLAIMS.toNanos()) {
                            transactions.executeWithoutResult(tx -> segments.forEach(
                                    segment -> tokenStore.extendClaim(processorName, segment)));
                            lastExtended = System.nanoTime();
                        }
                    }
                }
            }
            c.commit();
            submit(folding.chunk(), writer, inFlight, writeFailure);
            inFlight.acquire(WRITERS + 1);
            rethrow(writeFailure);
            return new Snapshot(headIndex, head, folding.events, folding.disputes);
        } finally {
            writer.shutdownNow();
            writer.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /** The global indexes missing from the snapshot within {@link #MAX_GAP_OFFSET} below the head. */
    private TreeSet<Long> gaps(Connection c, long headIndex) throws SQLException {
        TreeSet<Long> gaps = new TreeSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT g FROM generate_series(GREATEST(?, (SELECT MIN("
                + "globalindex) FROM " + eventTable + ")), ?) g WHERE NOT EXISTS (SELECT 1 FROM " + eventTable
                + " e WHERE e.globalindex = g)")) {
            s.setLong(1, headIndex - MAX_GAP_OFFSET);
            s.setLong(2, headIndex);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    gaps.add(rs.getLong(1));
                }
            }
        }
        return gaps;
    }

    private void submit(Chunk chunk, ExecutorService writer, Semaphore inFlight, AtomicReference<Throwable> failure)
            throws InterruptedException {
        rethrow(failure);
        if (chunk.isEmpty()) {
            return;
        }
        inFlight.acquire();
        writer.execute(() -> {
            try {
                if (failure.get() == null) {
                    transactions.executeWithoutResult(tx -> {
                        readModel.writeReplayed(chunk.disputes());
                        chunk.goodPractice().forEach(g -> goodPractice.apply(g.event(), g.sequence(), g.timestamp()));
                    });
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            } finally {
                inFlight.release();
            }
        });
    }

    /** Stops the replay if a writer failed. */
    private static void rethrow(AtomicReference<Throwable> failure) {
        if (failure.get() != null) {
            throw new IllegalStateException("a write failed: " + failure.get(), failure.get());
        }
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The result set's rows, read as the stream is consumed; the columns in the order of {@link #FIELDS}. */
    private static Stream<StoredEventDecoder.Row> rows(ResultSet rs) {
        Iterator<StoredEventDecoder.Row> iterator = new Iterator<>() {
            private Boolean ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    try {
                        ahead = rs.next();
                    } catch (SQLException e) {
                        throw new IllegalStateException("reading the event store failed", e);
                    }
                }
                return ahead;
            }

            @Override
            public StoredEventDecoder.Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ahead = null;
                try {
                    return new StoredEventDecoder.Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9),
                            rs.getBytes(10));
                } catch (SQLException e) {
                    throw new IllegalStateException("reading the event store failed", e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }

    /** A good-practice alert's event, projected in the chunk's transaction. */
    private record GoodPracticeChange(GoodPracticeEvent event, long sequence, Instant timestamp) {
    }

    private record Chunk(List<Pending> disputes, List<GoodPracticeChange> goodPractice) {
        boolean isEmpty() {
            return disputes.isEmpty() && goodPractice.isEmpty();
        }
    }

    /** The streams read so far: the current chunk's disputes, each folded whole. */
    private final class Folding {
        private List<Pending> rows = new ArrayList<>();
        private List<GoodPracticeChange> goodPractice = new ArrayList<>();
        private Pending current;
        private long events;
        private long disputes;

        /**
         * Folds the event into its dispute; answers the chunk to write when this event begins a dispute and the
         * chunk is full (a chunk ends only where a stream does), else null.
         */
        Chunk take(DomainEventMessage<?> message) {
            events++;
            Chunk full = null;
            Object payload = message.getPayload();
            if (payload instanceof DisputeEvent event) {
                String id = event.disputeId().value();
                if (current == null || !current.disputeId.equals(id)) {
                    if (rows.size() >= DISPUTES_PER_WRITE) {
                        full = chunk();
                    }
                    current = Pending.absent(id);
                    rows.add(current);
                    disputes++;
                }
                readModel.fold(current, event, message.getSequenceNumber(), message.getTimestamp(),
                        message.getMetaData());
            } else if (payload instanceof GoodPracticeEvent event) {
                goodPractice.add(new GoodPracticeChange(event, message.getSequenceNumber(), message.getTimestamp()));
            }
            // Any other event has no handler in the projection's group, and the processor would skip it too.
            return full;
        }

        /** The disputes folded so far, to be written; called between two streams, or at the end. */
        Chunk chunk() {
            Chunk chunk = new Chunk(rows, goodPractice);
            rows = new ArrayList<>();
            goodPractice = new ArrayList<>();
            current = null;
            return chunk;
        }
    }
}
