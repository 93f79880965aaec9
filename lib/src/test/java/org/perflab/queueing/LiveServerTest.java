package org.perflab.queueing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.perflab.load.ArrivalSchedule;
import org.perflab.load.LoadResult;
import org.perflab.load.OpenLoopGenerator;

/** The live server under the open-loop generator. Bounds that hold however busy the machine is. */
class LiveServerTest {

    @Test
    void openLoopDrivesTheServerAndItMeasuresItself() throws Exception {
        // 2 workers, 2 ms each, 500 requests/s: utilization 500 x 0.002 / 2 = 0.5.
        try (LiveServer server = LiveServer.builder().workers(2)
                .serviceTime(Distribution.deterministic(Duration.ofMillis(2))).seed(1).build()) {
            LoadResult load = OpenLoopGenerator.builder().target(server)
                    .schedule(ArrivalSchedule.poisson(500, 3)).maxRequests(750).workerThreads(32).build().run();
            ServerStats stats = server.stats();

            String report = load + "\n" + stats;
            assertEquals(750, load.completed(), report);
            assertEquals(750, stats.completed(), report);
            assertEquals(750, stats.queueWait().count(), report);
            // A timed wait never ends early; it may overshoot a little.
            assertTrue(stats.serviceTime().p50Nanos() >= Duration.ofMillis(2).toNanos(), report);
            // Busy for at least 750 services of 2 ms, and never busier than every worker all the time. Near 0.5
            // on an idle machine; a busy one stretches the waits and the run, so only these bounds are certain.
            double busyAtLeast = 750 * 0.002 / (2 * stats.wallSec());
            assertTrue(stats.utilization() >= busyAtLeast && stats.utilization() <= 1.0, report);
            // Response (generator) >= service (server): the difference is the queue.
            assertTrue(load.latency().p50Nanos() >= stats.serviceTime().p50Nanos(), report);
        }
    }

    @Test
    void resetStatsStartsANewWindow() throws Exception {
        try (LiveServer server = LiveServer.builder()
                .serviceTime(Distribution.exponential(Duration.ofMillis(1))).build()) {
            server.call();
            server.call();
            assertEquals(2, server.stats().completed());
            server.resetStats();
            assertEquals(0, server.stats().completed());
            assertTrue(server.toString().contains("seed " + server.seed()), server.toString());
        }
    }

    @Test
    void cpuBoundServiceSpinsForItsServiceTime() throws Exception {
        try (LiveServer server = LiveServer.builder().cpuBound(true)
                .serviceTime(Distribution.deterministic(Duration.ofMillis(3))).build()) {
            server.call();
            assertTrue(server.stats().serviceTime().maxNanos() >= Duration.ofMillis(3).toNanos());
        }
    }

    @Test
    void closingFailsRequestsStillWaiting() throws Exception {
        LiveServer server = LiveServer.builder()
                .serviceTime(Distribution.deterministic(Duration.ofSeconds(30))).build();
        AtomicReference<Throwable> inService = new AtomicReference<>();
        AtomicReference<Throwable> queued = new AtomicReference<>();
        Thread first = callInBackground(server, inService);
        Thread second = callInBackground(server, queued);
        Thread.sleep(200);

        server.close();
        // Generous: only a caller that close() never wakes stays blocked (for the 30 s service time).
        first.join(10_000);
        second.join(10_000);

        assertFalse(first.isAlive() || second.isAlive(), "callers still blocked after close()");
        assertInstanceOf(IllegalStateException.class, inService.get());
        assertInstanceOf(IllegalStateException.class, queued.get());
        IllegalStateException afterClose = assertThrows(IllegalStateException.class, server::call);
        assertTrue(afterClose.getMessage().contains("closed"));
    }

    private static Thread callInBackground(LiveServer server, AtomicReference<Throwable> failure) {
        Thread thread = new Thread(() -> {
            try {
                server.call();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        return thread;
    }
}
