package org.perflab.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The same target, serving in 1 ms and freezing once for 1 s, measured both ways. The parameters
 * leave a wide margin on a noisy machine: the open-loop p99 lands near 1 s (about 40% of its
 * requests were due during the freeze), the closed-loop p99 near 1 ms (one stalled sample among
 * about 1,400), a ratio near 900 against the 100 asserted.
 */
class CoordinatedOmissionTest {

    private static final long SERVICE_MILLIS = 1;
    private static final long STALL_AFTER_MILLIS = 500;
    private static final long STALL_MILLIS = 1000;
    private static final Duration RUN = Duration.ofMillis(2500);

    private static StallingTarget newTarget() {
        return new StallingTarget(SERVICE_MILLIS, STALL_AFTER_MILLIS, STALL_MILLIS);
    }

    @Test
    void openLoopSeesTheStallThatClosedLoopHides() throws Exception {
        LoadResult open = OpenLoopGenerator.builder()
                .target(newTarget())
                .schedule(ArrivalSchedule.constantRate(200))
                .duration(RUN)
                .workerThreads(8)
                .build()
                .run();
        LoadResult closed = ClosedLoopGenerator.builder()
                .target(newTarget())
                .users(1)
                .duration(RUN)
                .build()
                .run();

        String report = "open:\n" + open + "\nclosed:\n" + closed;
        assertEquals(0, open.failed(), report);
        assertEquals(500, open.completed(), report);
        // Both saw the stall...
        assertTrue(open.latency().maxMillis() > 900, report);
        assertTrue(closed.latency().maxMillis() > 900, report);
        // ...but only the open loop counts every request it delayed.
        assertTrue(open.latency().p99Millis() > 500, report);
        assertTrue(open.latency().p99Nanos() >= 100 * closed.latency().p99Nanos(), report);
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

        assertTrue(corrected.latency().p99Millis() > 500, corrected.toString());
        assertTrue(corrected.setup().contains("corrected for coordinated omission"), corrected.setup());
    }
}
