package uk.iro.disputes.command.roundtrips;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.command.audit.AuditMetadata;
import uk.iro.disputes.command.config.CommandStorageEngine;

/** When a load of an aggregate's events may stop reading: never short of the version the request found. */
class LastBatchTest {

    private static List<DomainEventData<?>> batch(String id, long from, long to) {
        return LongStream.rangeClosed(from, to).<DomainEventData<?>>mapToObj(seq -> new GenericDomainEventEntry<>(
                "Dispute", id, seq, "event-" + seq, "2026-01-01T00:00:00Z", "T", null, "{}", "{}")).toList();
    }

    private static boolean isLastBatchWhileHandling(MetaData commandMetaData, List<DomainEventData<?>> batch) {
        var command = GenericCommandMessage.asCommandMessage("a command").andMetaData(commandMetaData);
        return DefaultUnitOfWork.startAndGet(command).executeWithResult(() -> CommandStorageEngine.isLastBatch(batch))
                .getPayload();
    }

    private static MetaData found(String id, long version) {
        return MetaData.from(Map.of(AuditMetadata.STREAM, id, AuditMetadata.STREAM_VERSION, version));
    }

    @Test
    void aBatchThatReachesTheVersionFoundIsTheLast() {
        assertThat(isLastBatchWhileHandling(found("d-1", 102), batch("d-1", 100, 102))).isTrue();
        // events committed by others after the check came back in the same range
        assertThat(isLastBatchWhileHandling(found("d-1", 102), batch("d-1", 100, 104))).isTrue();
    }

    @Test
    void aBatchShortOfTheVersionFoundIsNotTheLastEvenWhenItIsShort() {
        assertThat(isLastBatchWhileHandling(found("d-1", 102), batch("d-1", 0, 99))).isFalse();
        // a gap in the sequence numbers (a removed event) makes a batch short of the range
        assertThat(isLastBatchWhileHandling(found("d-1", 102), batch("d-1", 0, 40))).isFalse();
    }

    @Test
    void withoutTheVersionOfThisStreamOnlyAnEmptyBatchIsTheLast() {
        assertThat(isLastBatchWhileHandling(found("d-2", 2), batch("d-1", 0, 2))).isFalse();
        assertThat(isLastBatchWhileHandling(MetaData.emptyInstance(), batch("d-1", 0, 2))).isFalse();
        assertThat(CommandStorageEngine.isLastBatch(batch("d-1", 0, 2))).isFalse();
        assertThat(CommandStorageEngine.isLastBatch(List.of())).isTrue();
        assertThat(isLastBatchWhileHandling(found("d-1", 2), List.of())).isTrue();
    }
}
