package uk.iro.disputes.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.iro.disputes.kernel.audit.HashChain.Break;
import uk.iro.disputes.kernel.audit.HashChain.StoredEvent;

class HashChainTest {

    @Test
    void theCanonicalFormSortsKeysAtEveryDepthAndDropsWhiteSpace() {
        String json = "{ \"b\": 1, \"a\": { \"y\": [ {\"q\":1, \"p\":2} ], \"x\": \"é\" } }";
        assertThat(HashChain.canonicalJson(bytes(json)))
                .isEqualTo("{\"a\":{\"x\":\"é\",\"y\":[{\"p\":2,\"q\":1}]},\"b\":1}");
    }

    @Test
    void theHashIsSha256OfTheDocumentedSixLines() {
        // Worked out independently: printf '%s' "<six lines>" | sha256sum
        String hash = HashChain.hash(HashChain.GENESIS, 0, "uk.Example", bytes("{\"b\":2,\"a\":1}"),
                "2026-03-02T09:00:00Z", "iro-17", "IRO");
        assertThat(hash).isEqualTo(sha256sum(HashChain.GENESIS + "\n0\nuk.Example\n{\"a\":1,\"b\":2}\n"
                + "2026-03-02T09:00:00Z\niro-17|IRO"));
    }

    @Test
    void anIntactChainVerifiesAndEachKindOfTamperingIsFoundWhereItHappened() {
        List<StoredEvent> chain = chainOf(3);
        assertThat(HashChain.verify(chain)).isEmpty();

        List<StoredEvent> changed = new ArrayList<>(chain);
        StoredEvent second = chain.get(1);
        changed.set(1, new StoredEvent(1, second.eventType(), bytes("{\"n\":99}"), second.timestamp(),
                second.subject(), second.role(), second.previousHash(), second.hash()));
        assertThat(HashChain.verify(changed)).get().extracting(Break::sequence, Break::kind)
                .containsExactly(1L, Break.Kind.CHANGED);

        List<StoredEvent> missing = new ArrayList<>(chain);
        missing.remove(1);
        assertThat(HashChain.verify(missing)).get().extracting(Break::sequence, Break::kind)
                .containsExactly(1L, Break.Kind.MISSING);

        List<StoredEvent> reattributed = new ArrayList<>(chain);
        StoredEvent third = chain.get(2);
        reattributed.set(2, new StoredEvent(2, third.eventType(), third.payloadJson(), third.timestamp(),
                "someone-else", third.role(), third.previousHash(), third.hash()));
        assertThat(HashChain.verify(reattributed)).get().extracting(Break::sequence).isEqualTo(2L);
    }

    private static List<StoredEvent> chainOf(int n) {
        List<StoredEvent> events = new ArrayList<>();
        String previous = HashChain.GENESIS;
        for (int i = 0; i < n; i++) {
            byte[] payload = bytes("{\"n\":" + i + "}");
            String ts = "2026-03-0" + (i + 2) + "T09:00:00Z";
            String hash = HashChain.hash(previous, i, "uk.Event", payload, ts, "iro-17", "IRO");
            events.add(new StoredEvent(i, "uk.Event", payload, ts, "iro-17", "IRO", previous, hash));
            previous = hash;
        }
        return events;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256sum(String input) {
        try {
            Process p = new ProcessBuilder("sha256sum").start();
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.split(" ")[0];
        } catch (Exception e) {
            throw new IllegalStateException("sha256sum is needed to check the hash independently", e);
        }
    }
}
