package uk.iro.disputes.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction that appends and commits only when told: its events hold global indexes below those of events
 * appended after it and committed first (STACK-NOTES: gaps in the global index).
 */
public record HeldTransaction(CountDownLatch release, CompletableFuture<Void> done) {

    /** Runs the append in a transaction of its own, and holds it open once the append is done. */
    public static HeldTransaction appendAndHold(TransactionTemplate transactions, Runnable append)
            throws InterruptedException {
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            append.run();
            appended.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
        return new HeldTransaction(release, done);
    }

    public void commit() throws Exception {
        release.countDown();
        done.get(30, TimeUnit.SECONDS);
    }
}
