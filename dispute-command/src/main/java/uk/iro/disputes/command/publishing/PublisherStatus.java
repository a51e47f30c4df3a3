package uk.iro.disputes.command.publishing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Where the publisher is: its token's position against the head of the store, as the gauge
 * {@code iro.publisher.lag} (events stored but not yet acknowledged by Kafka), a health component, and the
 * status the admin endpoint shows. Also the one place that resets the token for a replay.
 */
public class PublisherStatus implements HealthIndicator {
    public static final String LAG_GAUGE = "iro.publisher.lag";

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final String topic;

    public PublisherStatus(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry meters,
            String topic) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.topic = topic;
        Gauge.builder(LAG_GAUGE, this, PublisherStatus::lag)
                .description("Events in the store not yet acknowledged by Kafka: the store's head global index"
                        + " minus the Kafka publisher's token position (NaN while the publisher is not running)")
                .tag("topic", topic)
                .register(meters);
    }

    public Optional<StreamingEventProcessor> processor() {
        return processing.eventProcessor(EventPublisher.PROCESSING_GROUP, StreamingEventProcessor.class);
    }

    private Collection<EventTrackerStatus> segments() {
        return processor().map(p -> p.processingStatus().values()).orElse(List.of());
    }

    /** The global index of the last event the publisher has had acknowledged; empty when unknown. */
    public OptionalLong position() {
        Collection<EventTrackerStatus> segments = segments();
        if (segments.isEmpty()) {
            return OptionalLong.empty();
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : segments) {
            OptionalLong position = status.getCurrentPosition();
            if (position.isEmpty()) {
                return OptionalLong.empty();
            }
            lowest = Math.min(lowest, position.getAsLong());
        }
        return OptionalLong.of(lowest);
    }

    /** The global index of the newest stored event (-1 for an empty store). */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    public double lag() {
        OptionalLong position = position();
        if (position.isEmpty()) {
            return head() < 0 ? 0 : Double.NaN;
        }
        return Math.max(0, head() - position.getAsLong());
    }

    public Optional<Throwable> error() {
        return segments().stream().filter(EventTrackerStatus::isErrorState).map(EventTrackerStatus::getError)
                .findFirst();
    }

    public boolean replaying() {
        return segments().stream().anyMatch(EventTrackerStatus::isReplaying);
    }

    /** What the admin endpoint and the health component show. */
    public Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("processor", EventPublisher.PROCESSING_GROUP);
        details.put("topic", topic);
        details.put("running", processor().map(StreamingEventProcessor::isRunning).orElse(false));
        details.put("replaying", replaying());
        OptionalLong position = position();
        details.put("position", position.isPresent() ? position.getAsLong() : null);
        details.put("head", head());
        double lag = lag();
        details.put("lag", Double.isNaN(lag) ? null : (long) lag);
        details.put("error", error().map(e -> e.getClass().getSimpleName() + ": " + e.getMessage()).orElse(null));
        return details;
    }

    /**
     * Republish from the start of the store, or from the first event stored at or after {@code from}. The
     * processor stops, its token is reset (Axon marks the events up to the old position as a replay) and it starts
     * again. Every instance of the service must have stopped publishing first, or the reset cannot claim the token.
     */
    public void replay(Instant from) {
        StreamingEventProcessor processor = processor().orElseThrow(
                () -> new IllegalStateException("the Kafka publisher is not configured"));
        Function<StreamableMessageSource<TrackedEventMessage<?>>, TrackingToken> start = from == null
                ? StreamableMessageSource::createTailToken
                : source -> source.createTokenAt(from);
        processor.shutDown();
        try {
            processor.resetTokens(start);
        } finally {
            processor.start();
        }
    }

    @Override
    public Health health() {
        Map<String, Object> details = describe();
        details.values().removeIf(java.util.Objects::isNull);
        Health.Builder health = error().isPresent() || !Boolean.TRUE.equals(details.get("running"))
                ? Health.down() : Health.up();
        return health.withDetails(details).build();
    }
}
