package org.perflab.queueing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InSystemCounterTest {

    @Test
    void countsTheRequestsInsideWhileTheyWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (InSystemCounter counter = InSystemCounter.start(() -> release.await(5, TimeUnit.SECONDS), Duration.ofMillis(1))) {
            Thread[] callers = new Thread[3];
            for (int i = 0; i < callers.length; i++) {
                callers[i] = new Thread(() -> {
                    try {
                        counter.call();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                callers[i].start();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (counter.inSystem() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(20);
            assertEquals(3, counter.inSystem());
            int[] counts = counter.sampleCounts();
            assertEquals(3, counts[counts.length - 1], "the counting thread saw all three inside");
            release.countDown();
            for (Thread caller : callers) {
                caller.join();
            }
            assertEquals(0, counter.inSystem());
        }
    }

    @Test
    void littlesLawHoldsForASteadyStream() throws Exception {
        // One caller at a time, each inside for 2 ms: L = 1 whenever the caller is inside, λ × W the same.
        InSystemCounter counter = InSystemCounter.start(() -> Thread.sleep(2), Duration.ofMillis(1));
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (System.nanoTime() < end) {
            counter.call();
        }
        InSystemCounter.Little little = counter.littlesLaw();

        assertTrue(little.counts() > 50, "counted " + little.counts() + " times in 300 ms");
        assertEquals(1, little.ratio(), 0.15, little.toString());
    }

    @Test
    void refusesAnIntervalTooShortToCount() {
        assertThrows(IllegalArgumentException.class, () -> InSystemCounter.start(() -> { }, Duration.ofNanos(1_000)));
    }
}
