package dev.parley.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Leaves and screen-share changes reach the media loop even when its task queue is full. */
class SfuControlEventsTest {

    @Test
    void aLeaveSentWhileTheTaskQueueIsFullClosesTheConnection() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        LinkedBlockingQueue<String> offers = new LinkedBlockingQueue<>();
        try (Sfu sfu = Sfu.start(new SfuSettings(lo, 0, List.of(lo), 50, 30_000), (room, id, offer) -> offers.add(id))) {
            assertThat(sfu.connect("r", "gone", Set.of(), m -> { })).isTrue();
            assertThat(offers.poll(10, TimeUnit.SECONDS)).isEqualTo("gone");
            assertThat(sfu.metrics().transports()).isEqualTo(1);

            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            assertThat(sfu.post(() -> {
                held.countDown();
                awaitQuietly(release);
            })).isTrue();
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            int queued = 0;
            while (sfu.post(() -> { })) {
                queued++;
            }
            assertThat(queued).as("the queue is full").isEqualTo(Sfu.TASK_QUEUE);

            sfu.leave("r", "gone");
            sfu.screenSharing("r", "other", true);
            sfu.screenSharing("r", "other", false);
            assertThat(sfu.pendingControls()).as("one entry per participant, the latest state").isEqualTo(2);
            release.countDown();
            // The leave is applied in a later pass of the loop: wait for its effect (consent would take 30 s).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sfu.metrics().transports() != 0 && System.nanoTime() < deadline) {
                loopPass(sfu);
            }

            assertThat(sfu.metrics().transports()).isZero();
            assertThat(sfu.pendingControls()).isZero();
        }
    }

    /** Waits until the loop has run a task posted now, retrying while the queue is still full. */
    private static void loopPass(Sfu sfu) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!sfu.post(() -> done.complete(null))) {
            assertThat(System.nanoTime()).as("the loop drains its queue").isLessThan(deadline);
            Thread.onSpinWait();
        }
        done.get(10, TimeUnit.SECONDS);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
