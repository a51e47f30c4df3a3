package uk.iro.disputes.command.publishing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.ConcludesBatch;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeEvent;

/**
 * Sends each event of a batch to Kafka as it is handled and, on the batch's last event, waits for the broker to
 * acknowledge every one of them, so the batch's transaction, which stores the processor's token, can only commit
 * after Kafka has them all. If any send fails or is not acknowledged in time the handler throws, the transaction
 * rolls back, the token stays where it was, and the processor retries the batch with back-off: nothing is skipped,
 * and only the unacknowledged batch can reach Kafka twice (with the same {@code ce_id}). The wait happens inside the
 * handler rather than in a commit hook, so it does not depend on the order in which Axon runs its hooks (the token
 * is written in one of them).
 *
 * <p>Within a batch the sends go out in the order of the store, on one idempotent producer, so each dispute's
 * events reach their partition in order. A failure stops the batch at once rather than queueing more sends.
 */
@ProcessingGroup(EventPublisher.PROCESSING_GROUP)
public class EventPublisher {
    /** The processor's name, and the token's name in {@code tokenentry}. */
    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String IN_FLIGHT = EventPublisher.class.getName() + ".inFlight";

    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventRecords records;
    private final TopicProvisioner topic;
    private final Duration ackTimeout;
    private final MeterRegistry meters;
    private final Map<String, Counter> sentCounters = new ConcurrentHashMap<>();
    private final Counter failures;

    public EventPublisher(KafkaTemplate<String, byte[]> kafka, CloudEventRecords records, TopicProvisioner topic,
            Duration ackTimeout, MeterRegistry meters) {
        this.kafka = kafka;
        this.records = records;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
        this.meters = meters;
        this.failures = Counter.builder("iro.publisher.failures")
                .description("Batches the Kafka publisher could not get acknowledged (each is retried)")
                .register(meters);
    }

    @EventHandler
    public void on(DisputeEvent event, DomainEventMessage<?> message, @ConcludesBatch boolean lastOfBatch) {
        send(event.getClass().getSimpleName(), records.toRecord(event, message), message, lastOfBatch);
    }

    /** A good-practice alert's events go to the same topic, keyed by the alert's id, so the store has one outbox. */
    @EventHandler
    public void on(GoodPracticeEvent event, DomainEventMessage<?> message, @ConcludesBatch boolean lastOfBatch) {
        send(event.getClass().getSimpleName(), records.toRecord(event, message), message, lastOfBatch);
    }

    private void send(String type, ProducerRecord<String, byte[]> record, DomainEventMessage<?> message,
            boolean lastOfBatch) {
        topic.ensureTopic();
        InFlight inFlight = inFlight();
        inFlight.failFast();
        CompletableFuture<SendResult<String, byte[]>> sent;
        try {
            sent = kafka.send(record);
        } catch (RuntimeException e) {
            throw failed("could not send event " + message.getIdentifier(), e);
        }
        inFlight.add(type, sent);
        if (lastOfBatch) {
            inFlight.awaitAll();
        } else {
            inFlight.failFast();
        }
    }

    /**
     * The sends of the current batch. Awaited on its last event; should that event never reach this handler, awaited
     * again (at no cost if already done) before the transaction commits.
     */
    private InFlight inFlight() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(IN_FLIGHT, key -> {
            InFlight inFlight = new InFlight();
            unitOfWork.onPrepareCommit(u -> inFlight.awaitAll());
            return inFlight;
        });
    }

    private PublishingFailed failed(String message, Throwable cause) {
        failures.increment();
        return new PublishingFailed(message, cause);
    }

    private final class InFlight {
        private final List<String> types = new ArrayList<>();
        private final List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
        private boolean acknowledged;

        void add(String type, CompletableFuture<SendResult<String, byte[]>> send) {
            acknowledged = false;
            types.add(type);
            sends.add(send);
        }

        /** A send that has already failed (the broker is unreachable, say) ends the batch now. */
        void failFast() {
            for (CompletableFuture<SendResult<String, byte[]>> send : sends) {
                if (send.isCompletedExceptionally()) {
                    await(send, 0);
                }
            }
        }

        void awaitAll() {
            if (acknowledged) {
                return;
            }
            long deadline = System.nanoTime() + ackTimeout.toNanos();
            for (CompletableFuture<SendResult<String, byte[]>> send : sends) {
                await(send, Math.max(0, deadline - System.nanoTime()));
            }
            for (String type : types) {
                sentCounters.computeIfAbsent(type, t -> Counter.builder("iro.publisher.sent")
                        .description("Events Kafka acknowledged").tag("type", t).register(meters)).increment();
            }
            acknowledged = true;
        }

        private void await(CompletableFuture<SendResult<String, byte[]>> send, long nanos) {
            try {
                send.get(nanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed("interrupted while waiting for Kafka", e);
            } catch (ExecutionException e) {
                throw failed("Kafka did not acknowledge the batch", e.getCause());
            } catch (TimeoutException e) {
                throw failed("Kafka did not acknowledge the batch within " + ackTimeout, e);
            }
        }
    }
}
