package uk.iro.disputes.command.publishing;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.axonframework.eventhandling.DomainEventMessage;
import uk.iro.disputes.kernel.event.DisputeEvent;
import uk.iro.disputes.kernel.goodpractice.GoodPracticeEvent;
import uk.iro.disputes.kernel.reporting.ReportingEvents;

/**
 * An event as a Kafka record in CloudEvents 1.0 binary mode: key = dispute id, value = the reporting shape
 * (UTF-8 JSON), attributes as {@code ce_*} headers, plus the event's sequence number within its dispute.
 */
public final class CloudEventRecords {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";
    /** The event's sequence number within its dispute (0 for DisputeRaised), as a decimal string. */
    public static final String SEQUENCE = "iro_sequence";

    private final String topic;
    private final String source;

    public CloudEventRecords(String topic, String source) {
        this.topic = topic;
        this.source = source;
    }

    public ProducerRecord<String, byte[]> toRecord(DisputeEvent event, DomainEventMessage<?> message) {
        return toRecord(event.disputeId().value(), event.getClass(), ReportingEvents.toJson(event), message);
    }

    /** A good-practice alert's event: keyed, and with {@code ce_subject}, by the alert's id. */
    public ProducerRecord<String, byte[]> toRecord(GoodPracticeEvent event, DomainEventMessage<?> message) {
        return toRecord(event.alertId().value(), event.getClass(), ReportingEvents.toJson(event), message);
    }

    private ProducerRecord<String, byte[]> toRecord(String disputeId, Class<?> type, byte[] value,
            DomainEventMessage<?> message) {
        // No record timestamp: the broker's log keeps publishing time; the event's own time is ce_time.
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, null, disputeId, value);
        Headers headers = record.headers();
        add(headers, SPEC_VERSION, "1.0");
        add(headers, ID, message.getIdentifier());
        add(headers, SOURCE, source);
        add(headers, TYPE, ReportingEvents.cloudEventType(type));
        add(headers, SUBJECT, disputeId);
        add(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(message.getTimestamp()));
        add(headers, DATA_SCHEMA, ReportingEvents.schemaId(type));
        add(headers, CONTENT_TYPE, "application/json");
        add(headers, SEQUENCE, Long.toString(message.getSequenceNumber()));
        return record;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
