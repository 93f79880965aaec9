package org.perflab.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same target, serving in 1 ms and freezing once for 1 s, measured both ways. Every bound
 * follows from the freeze, not from how fast the machine is: a request timed from its intended start
 * cannot finish before the freeze ends, so each one due in the freeze's first 600 ms records at least
 * 400 ms, whatever else the machine was doing.
 */
class CoordinatedOmissionTest {

    private static final long SERVICE_MILLIS = 1;
    /** Early in the run (about 250 ms in at 200 requests/s), so the whole freeze falls inside it. */
    private static final long STALL_AT_CALL = 50;
    private static final long STALL_MILLIS = 1000;
    private static final Duration RUN = Duration.ofMillis(2500);
    private static final double RATE_PER_SEC = 200;
    /** A latency that only the freeze explains. */
    private static final long STALLED_MILLIS = 400;

    private static StallingTarget newTarget() {
        return new StallingTarget(SERVICE_MILLIS, STALL_AT_CALL, STALL_MILLIS);
    }

    /** Recorded latencies of at least {@link #STALLED_MILLIS}. */
    private static long stalledSamples(LoadResult result) {
        return result.histogram().getCountBetweenValues(TimeUnit.MILLISECONDS.toNanos(STALLED_MILLIS), Long.MAX_VALUE);
    }

    @Test
    void openLoopSeesTheStallThatClosedLoopHides() throws Exception {
        LoadResult open = OpenLoopGenerator.builder()
                .target(newTarget())
                .schedule(ArrivalSchedule.constantRate(RATE_PER_SEC))
                .duration(RUN)
                .workerThreads(8)
                .build()
                .run();
        StallingTarget closedTarget = newTarget();
        LoadResult closed = ClosedLoopGenerator.builder()
                .target(closedTarget)
                .users(1)
                .duration(RUN)
                .build()
                .run();

        String report = "open:\n" + open + "\nclosed:\n" + closed;
        assertEquals(0, open.failed(), report);
        assertEquals(500, open.completed(), report);
        // Both saw the stall: the call that started it waited all of it...
        long stallNanos = TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);
        assertTrue(open.latency().maxNanos() >= stallNanos, report);
        assertTrue(closed.latency().maxNanos() >= stallNanos, report);
        // ...but only the open loop counts every request the stall delayed: one due every 5 ms in the
        // freeze's first 600 ms, each waiting until its end.
        long dueInTheFreeze = (long) ((STALL_MILLIS - STALLED_MILLIS) * RATE_PER_SEC / 1000);
        assertTrue(stalledSamples(open) >= dueInTheFreeze, stalledSamples(open) + " stalled samples\n" + report);
        assertTrue(open.latency().p99Millis() > 500, report);
        // The closed loop's one user was stuck in a single call, so it sent nothing else and recorded one.
        assertEquals(1, closedTarget.stalledCalls(), report);
        assertTrue(stalledSamples(closed) * 10 < stalledSamples(open),
                stalledSamples(closed) + " vs " + stalledSamples(open) + " stalled samples\n" + report);
    }

    @Test
    void correctingTheClosedLoopBackFillsTheStall() throws Exception {
        LoadResult corrected = ClosedLoopGenerator.builder()
                .target(newTarget())
                .users(1)
                .duration(RUN)
                .correctForCoordinatedOmission(Duration.ofMillis(SERVICE_MILLIS))
                .build()
                .run();

        // The stalled call (at least 1 s) is back-filled with one sample per millisecond it held up,
        // each 1 ms shorter than the one before: at least 600 of them are 400 ms or more.
        assertTrue(stalledSamples(corrected) >= (STALL_MILLIS - STALLED_MILLIS) / SERVICE_MILLIS, corrected.toString());
        assertTrue(corrected.latency().p99Millis() > 500, corrected.toString());
        assertTrue(corrected.setup().contains("corrected for coordinated omission"), corrected.setup());
    }
}
