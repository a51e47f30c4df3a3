package uk.iro.disputes.query.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where the projection stands against the event store: the store's head (highest global index) and each
 * segment's token as stored in the token table, so the answer covers segments held by every instance, not only
 * this one's.
 */
@Component
public class ProjectionStatus {
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final String eventTable;
    private final EventProcessingConfiguration processing;

    public ProjectionStatus(JdbcClient jdbc, Serializer serializer, EventSchema schema,
            EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.eventTable = schema.domainEventTable();
        this.processing = processing;
    }

    /** The highest global index in the store (0 when it is empty). */
    public long headIndex() {
        return jdbc.sql("SELECT COALESCE(MAX(globalindex), 0) FROM " + eventTable).query(Long.class).single();
    }

    /** Every segment's stored token. */
    public List<Segment> segments() {
        List<Segment> result = new ArrayList<>();
        jdbc.sql("SELECT segment, token, tokentype, owner FROM tokenentry WHERE processorname = :name ORDER BY segment")
                .param("name", DisputeProjection.PROCESSOR)
                .query((rs, i) -> {
                    TrackingToken token = token(rs.getBytes("token"), rs.getString("tokentype"));
                    OptionalLong position = token == null ? OptionalLong.empty() : token.position();
                    long at = position.isPresent() ? position.getAsLong() : -1;
                    OptionalLong resetPosition = token instanceof ReplayToken replay
                            ? replay.getTokenAtReset().position() : OptionalLong.empty();
                    // A replay token stays one until an event beyond the reset position arrives; the replay itself
                    // is over once the segment has reached that position.
                    boolean replaying = resetPosition.isPresent() && at < resetPosition.getAsLong();
                    return new Segment(rs.getInt("segment"), at, settled(token, at), replaying,
                            replaying ? resetPosition.getAsLong() : null, rs.getString("owner"));
                })
                .list()
                .forEach(result::add);
        return result;
    }

    /** The lowest position of any segment: every event at or below it has been projected. -1 before any. */
    public long lowestPosition() {
        return segments().stream().mapToLong(Segment::position).min().orElse(-1);
    }

    /**
     * The lowest position up to which every segment has projected every event or stopped waiting for it. A segment
     * still waits for the global indexes its token holds as gaps (taken by transactions not yet committed, for up to
     * Axon's gap timeout): an event committed late into one of them is the processor's to project, not one it went
     * past. -1 before any.
     */
    public long settledPosition() {
        return segments().stream().mapToLong(Segment::settled).min().orElse(-1);
    }

    /** Below the first gap the token still waits for, or its position if it waits for none. */
    private static long settled(TrackingToken token, long position) {
        TrackingToken current = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware && gapAware.hasGaps()) {
            return Math.min(position, gapAware.getGaps().first() - 1);
        }
        return position;
    }

    /** Disputes whose events are parked in the dead-letter queue, with how many and why (the 50 parked most recently). */
    public DeadLetters deadLetters() {
        long count = jdbc.sql("SELECT count(*) FROM deadletterentry WHERE processinggroup = :group")
                .param("group", DisputeProjection.PROCESSOR).query(Long.class).single();
        List<DeadLetters.Parked> disputes = jdbc.sql("""
                        SELECT sequenceidentifier, count(*) AS events, min(sequencenumber) AS first_sequence,
                            (array_agg(causetype || ': ' || COALESCE(causemessage, '') ORDER BY sequenceindex))[1] AS cause
                        FROM deadletterentry WHERE processinggroup = :group
                        GROUP BY sequenceidentifier ORDER BY max(enqueuedat) DESC, sequenceidentifier LIMIT 50""")
                .param("group", DisputeProjection.PROCESSOR)
                .query((rs, i) -> new DeadLetters.Parked(rs.getString("sequenceidentifier"), rs.getLong("events"),
                        rs.getLong("first_sequence"), rs.getString("cause")))
                .list();
        return new DeadLetters(count, disputes);
    }

    /**
     * @param events parked events in all
     * @param disputes per dispute (the 50 parked most recently): how many events, the first parked event's sequence, and why it failed
     */
    public record DeadLetters(long events, List<Parked> disputes) {
        public record Parked(String disputeId, long events, long firstSequence, String cause) {
        }
    }

    /** This instance's view of its own segments, including errors. */
    public Map<Integer, EventTrackerStatus> localStatus() {
        return processor().map(StreamingEventProcessor::processingStatus).orElse(Map.of());
    }

    public java.util.Optional<StreamingEventProcessor> processor() {
        return processing.eventProcessor(DisputeProjection.PROCESSOR, StreamingEventProcessor.class);
    }

    private TrackingToken token(byte[] bytes, String type) {
        if (bytes == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }

    /**
     * @param position the global index up to which this segment has projected (-1 before the first event)
     * @param settled the global index up to which it has projected every event or stopped waiting for it: below the
     *     first gap its token still waits for
     * @param replaying true during a rebuild
     * @param resetPosition during a rebuild, the position the segment had reached before it: the replay's target
     * @param owner the instance holding the segment's claim, if any
     */
    public record Segment(int segment, long position, long settled, boolean replaying, Long resetPosition,
            String owner) {
    }
}
