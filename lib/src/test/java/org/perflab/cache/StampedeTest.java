package org.perflab.cache;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StampedeTest {

    private static final int THREADS = 16;

    /**
     * A loader whose first call (priming the cache) returns at once and whose later calls wait until
     * {@code expected} of them are inside (or the timeout passes), so a naive cache cannot get lucky: no load
     * finishes before every request has missed.
     */
    private static final class GatedLoader implements java.util.concurrent.Callable<String> {
        private final AtomicInteger calls = new AtomicInteger();
        private final CountDownLatch inside;

        private final long timeoutSeconds;

        GatedLoader(int expected) {
            this(expected, 5);
        }

        GatedLoader(int expected, long timeoutSeconds) {
            this.inside = new CountDownLatch(expected);
            this.timeoutSeconds = timeoutSeconds;
        }

        @Override
        public String call() throws InterruptedException {
            int call = calls.incrementAndGet();
            if (call > 1) {
                inside.countDown();
                inside.await(timeoutSeconds, TimeUnit.SECONDS);
            }
            return "report #" + call;
        }
    }

    @Test
    void checkThenLoadRunsOneLoadPerRequest() {
        StampedeResult result = Stampede.builder(new GatedLoader(THREADS)).threads(THREADS).build()
                .run(Stampede.Strategy.CHECK_THEN_LOAD);
        assertEquals(THREADS, result.loads());
        assertEquals(THREADS, result.latency().count());
        assertEquals(0, result.previousValues());
    }

    @Test
    void theResultKeepsEveryRequestsLatencyForIntervals() {
        StampedeResult result = Stampede.builder(new GatedLoader(1)).threads(THREADS).build()
                .run(Stampede.Strategy.COMPUTE_ONCE);
        org.HdrHistogram.Histogram requests = result.latencyHistogram();
        assertEquals(THREADS, requests.getTotalCount(), "one sample per request");
        assertEquals(result.latency().p50Nanos(), requests.getValueAtPercentile(50));
        assertEquals(result.latency().maxNanos(), requests.getMaxValue());
        requests.reset();
        assertEquals(THREADS, result.latencyHistogram().getTotalCount(), "the accessor hands out a copy");
        assertTrue(result.toString().contains("latencyHistogram=" + THREADS + " samples"), result.toString());
        // Two runs pool into one histogram, and the median ratio of two such histograms has an interval.
        org.HdrHistogram.Histogram pooled = result.latencyHistogram();
        pooled.add(Stampede.builder(new GatedLoader(1)).threads(THREADS).build()
                .run(Stampede.Strategy.COMPUTE_ONCE).latencyHistogram());
        assertEquals(2 * THREADS, pooled.getTotalCount());
        org.perflab.verdict.Estimate ratio = org.perflab.latency.LatencyEstimates.percentileRatio(pooled, pooled, 50);
        assertTrue(ratio.low() <= 1 && ratio.high() >= 1, ratio.toString());
    }

    @Test
    void computeOnceRunsOneLoadAndEveryoneGetsItsValue() {
        StampedeResult result = Stampede.builder(new GatedLoader(1)).threads(THREADS).build()
                .run(Stampede.Strategy.COMPUTE_ONCE);
        assertEquals(1, result.loads());
        assertEquals(0, result.previousValues(), "the entry had expired: nobody may get the old value");
    }

    @Test
    void refreshAheadRunsOneLoadInTheBackgroundAndServesThePreviousValue() {
        // The reload takes 2 s (it waits for a second load that never comes): every request is answered meanwhile.
        StampedeResult result = Stampede.builder(new GatedLoader(2, 2)).threads(THREADS).build()
                .run(Stampede.Strategy.REFRESH_AHEAD);
        assertEquals(1, result.loads());
        assertEquals(THREADS, result.previousValues(), "every request answered from the entry being refreshed");
    }

    @Test
    void aRefreshTimeMustComeBeforeTheExpiry() {
        Stampede.Builder builder = Stampede.builder(() -> "x");
        assertThrows(IllegalArgumentException.class,
                () -> builder.timeToLive(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> builder.threads(0));
    }

    @Test
    void aFailingLoaderFailsTheRunWithTheCause() {
        Stampede stampede = Stampede.builder(() -> {
            throw new java.sql.SQLException("database down");
        }).threads(2).build();
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> stampede.run(Stampede.Strategy.COMPUTE_ONCE));
        assertTrue(error.getMessage().contains("database down"), error.getMessage());
    }
}
