package org.perflab.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.perflab.display.Display;
import org.perflab.display.DisplaySink;

class OpenLoopGeneratorTest {

    /** A no-op target that notes when each call arrived. */
    private static final class CallTimes implements Target {
        private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

        @Override
        public void call() {
            arrivals.add(System.nanoTime());
        }

        /** Arrival times in order, in nanoseconds after {@code originNanos}. */
        List<Long> sortedSince(long originNanos) {
            return arrivals.stream().map(arrival -> arrival - originNanos).sorted().toList();
        }
    }

    private static OpenLoopGenerator.Builder noOpAt(double ratePerSec) {
        return OpenLoopGenerator.builder().target(Target.noOp()).schedule(ArrivalSchedule.constantRate(ratePerSec));
    }

    @Test
    void stopsAfterMaxRequestsAndNeverSendsBeforeTheSchedule() throws Exception {
        CallTimes calls = new CallTimes();
        long beforeRun = System.nanoTime();
        LoadResult result = OpenLoopGenerator.builder().target(calls).schedule(ArrivalSchedule.constantRate(2000))
                .maxRequests(1000).workerThreads(2).build().run();

        assertEquals(1000, result.completed(), result.toString());
        assertEquals(0, result.failed() + result.dropped(), result.toString());
        assertEquals(1000, result.latency().count());
        assertEquals(2000, result.requestedRatePerSec(), 0);
        assertEquals(2000, result.scheduledRatePerSec(), 1e-9);
        // Request k is due k x 0.5 ms after the run starts and may be late, never early. Whether it keeps
        // up with the schedule depends on the machine, so that is GeneratorBenchmark's business, not a test's.
        List<Long> sinceStart = calls.sortedSince(beforeRun);
        for (int k = 0; k < sinceStart.size(); k++) {
            long due = k * 500_000L;
            assertTrue(sinceStart.get(k) >= due, "request " + k + " sent " + sinceStart.get(k) + " ns after the start,"
                    + " due at " + due);
        }
        assertTrue(result.achievedToRequestedRatio() <= 1.0, result.toString());
        assertTrue(result.elapsedSec() >= 0.5, result.toString());
        assertTrue(result.toString().contains("latency timed from each request's intended start"), result.toString());
    }

    @Test
    void aPoissonScheduleIsJudgedByItsOwnDrawsNotTheNominalRate() throws Exception {
        LoadResult result = OpenLoopGenerator.builder().target(Target.noOp())
                .schedule(ArrivalSchedule.poisson(1000, 5)).duration(Duration.ofMillis(500)).build().run();

        assertEquals(result.completed() / 0.5, result.scheduledRatePerSec(), 1e-6, result.toString());
        assertTrue(result.toString().contains("this schedule's draws"), result.toString());
        // Never ahead of its own draws; how far behind depends on the machine.
        assertTrue(result.achievedRatePerSec() <= result.scheduledRatePerSec(), result.toString());
    }

    @Test
    void stopsAfterTheDuration() throws Exception {
        LoadResult result = noOpAt(1000).duration(Duration.ofMillis(300)).workerThreads(0).build().run();

        // Offsets 0, 1 ms, ..., 299 ms fall inside 300 ms.
        assertEquals(300, result.completed(), result.toString());
        assertEquals(1, result.maxInFlight(), "inline: one request at a time");
    }

    @Test
    void failuresAreCountedNotTimed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Target everyFifthFails = () -> {
            if (calls.incrementAndGet() % 5 == 0) {
                throw new IllegalStateException("boom");
            }
        };
        LoadResult result = OpenLoopGenerator.builder().target(everyFifthFails)
                .schedule(ArrivalSchedule.poisson(5000, 1)).maxRequests(500).workerThreads(2).build().run();

        assertEquals(100, result.failed(), result.toString());
        assertEquals(400, result.completed(), result.toString());
        assertEquals(400, result.latency().count());
        assertInstanceOf(IllegalStateException.class, result.firstFailure());
        assertTrue(result.toString().contains("first failure: java.lang.IllegalStateException: boom"));
    }

    @Test
    void requestsTooLateAreDroppedAndCounted() throws Exception {
        // Inline, 20 ms per request, one due every 5 ms: the schedule falls further behind each time.
        Target slow = () -> Thread.sleep(20);
        LoadResult result = OpenLoopGenerator.builder().target(slow).schedule(ArrivalSchedule.constantRate(200))
                .maxRequests(100).workerThreads(0).dropIfLaterThan(Duration.ofMillis(50)).build().run();

        assertTrue(result.dropped() > 0, result.toString());
        assertEquals(100, result.completed() + result.dropped(), result.toString());
        assertTrue(result.late() > 0, result.toString());
        assertTrue(result.achievedRatePerSec() < result.requestedRatePerSec(), result.toString());
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("below 99% of the 200.0 req/s scheduled")),
                result.warnings().toString());
    }

    @Test
    void progressIsShownAndReplacedByTheResult() throws Exception {
        List<Object> shown = Collections.synchronizedList(new ArrayList<>());
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        DisplaySink capture = new DisplaySink() {
            @Override
            public void show(Object value, String displayId) {
                shown.add(value);
                ids.add(displayId);
            }

            @Override
            public void update(String displayId, Object value) {
                shown.add(value);
                ids.add(displayId);
            }
        };
        DisplaySink previous = Display.sink();
        Display.install(capture);
        try {
            noOpAt(100).duration(Duration.ofMillis(700)).showProgress(true).build().run();
        } finally {
            Display.install(previous);
        }

        assertTrue(shown.size() >= 3, "initial line, at least one update, the result: " + shown);
        assertTrue(shown.size() <= 8, "at most four updates per second: " + shown);
        assertEquals(1, ids.stream().distinct().count(), "all updates in place under one id: " + ids);
        assertInstanceOf(LoadResult.class, shown.get(shown.size() - 1));
        assertTrue(String.valueOf(shown.get(1)).startsWith("open-loop"), String.valueOf(shown.get(1)));
    }

    @Test
    void unboundedOrIncompleteSetupsAreRejected() {
        IllegalStateException unbounded = assertThrows(IllegalStateException.class,
                () -> noOpAt(10).build());
        assertTrue(unbounded.getMessage().contains("duration or maxRequests must be set"));
        assertThrows(IllegalStateException.class,
                () -> OpenLoopGenerator.builder().target(Target.noOp()).maxRequests(1).build());
        IllegalArgumentException workers = assertThrows(IllegalArgumentException.class,
                () -> noOpAt(10).workerThreads(-1));
        assertEquals("workerThreads must be between 0 and 10000, was -1: give 0 to 10000; more threads measure the"
                + " machine's scheduler, not the target", workers.getMessage());
        IllegalArgumentException duration = assertThrows(IllegalArgumentException.class,
                () -> noOpAt(10).duration(Duration.ZERO));
        assertEquals("duration must be > 0, was PT0S: give a duration longer than zero, e.g. Duration.ofSeconds(10)", duration.getMessage());
        assertThrows(IllegalArgumentException.class, () -> noOpAt(10).maxRequests(0));
    }

    @Test
    void resultsBecomeATableWithUnits() throws Exception {
        LoadResult result = noOpAt(1000).maxRequests(50).build().run();

        List<String> columns = result.toTable("noop").columnNames();
        assertEquals(List.of("run", "requested_per_sec", "scheduled_per_sec", "achieved_per_sec", "completed", "failed", "late",
                "dropped", "max_in_flight", "mean_ms", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "p99_9_ms", "max_ms"),
                columns);
        assertEquals(50, result.percentileSpectrum().points().get(result.percentileSpectrum().points().size() - 1)
                .countAtOrBelow());
    }
}
