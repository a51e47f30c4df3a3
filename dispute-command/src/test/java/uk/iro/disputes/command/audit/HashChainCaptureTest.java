package uk.iro.disputes.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.iro.disputes.kernel.dispute.Role.IRO;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.iro.disputes.command.api.CommandServiceTest;
import uk.iro.disputes.command.api.Requests;
import uk.iro.disputes.command.api.TestTokens;
import uk.iro.disputes.kernel.audit.HashChain;

/**
 * The hash chain takes the previous hash from the event the repository read last in the same unit of work, and from
 * the store whenever that read did not end at the event it chains to, or happened in another unit of work.
 */
class HashChainCaptureTest extends CommandServiceTest {
    @Autowired
    HashChainInterceptor interceptor;
    @Autowired
    StoredChain chain;

    /** A stream of three stored events (0, 1, 2) with real hashes. */
    private String storedStream() {
        return api.post("/api/v1/disputes", TestTokens.token("iro-17", IRO), Requests.raiseWakefieldFormally("CASE-HC"))
                .disputeId();
    }

    private static DomainEventMessage<?> loaded(String id, long sequence, String hash) {
        return new GenericDomainEventMessage<>("Dispute", id, sequence, Map.of("loaded", true),
                MetaData.with(HashChain.HASH, hash));
    }

    /** The previous hash the interceptor gives event 3, appended in the unit of work. */
    private String previousHashOfNextEvent(UnitOfWork<?> unitOfWork, String id) {
        return unitOfWork.executeWithResult(() -> {
            DomainEventMessage<?> next = new GenericDomainEventMessage<>("Dispute", id, 3, Map.of("next", true),
                    MetaData.with("subject", "iro-17").and("role", "IRO"), "event-" + id, Instant.now());
            EventMessage<?> chained = interceptor.handle(List.of(next)).apply(0, next);
            return (String) chained.getMetaData().get(HashChain.PREVIOUS_HASH);
        }).getPayload();
    }

    @Test
    void theLastEventLoadedInTheUnitOfWorkGivesThePreviousHash() {
        String id = storedStream();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        LoadedStreams.read(loaded(id, 1, "hash-of-1"));
        LoadedStreams.read(loaded(id, 2, "captured-hash-of-2"));
        assertThat(previousHashOfNextEvent(unitOfWork, id)).isEqualTo("captured-hash-of-2");
    }

    @Test
    void aLoadThatDidNotEndAtThePreviousEventFallsBackToTheStore() {
        String id = storedStream();
        String stored = chain.read(id).get(2).hash();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        LoadedStreams.read(loaded(id, 1, "hash-of-1"));
        assertThat(previousHashOfNextEvent(unitOfWork, id)).isEqualTo(stored);
    }

    @Test
    void nothingLoadedInAnEarlierUnitOfWorkIsUsed() {
        String id = storedStream();
        String stored = chain.read(id).get(2).hash();
        DefaultUnitOfWork.startAndGet(null).execute(() -> LoadedStreams.read(loaded(id, 2, "from-an-earlier-one")));
        assertThat(previousHashOfNextEvent(DefaultUnitOfWork.startAndGet(null), id)).isEqualTo(stored);
    }
}
