package uk.iro.disputes.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @Test
    void axonTakesItsIdentifiersFromHere() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(Identifiers.class);
    }

    @Test
    void identifiersAreVersion4UuidsUniqueAcrossThreads() throws InterruptedException {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            threads.execute(() -> {
                for (int i = 0; i < 20_000; i++) {
                    String id = IdentifierFactory.getInstance().generateIdentifier();
                    UUID uuid = UUID.fromString(id);
                    assertThat(uuid.version()).isEqualTo(4);
                    assertThat(uuid.variant()).isEqualTo(2);
                    seen.add(id);
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(160_000);
    }
}
