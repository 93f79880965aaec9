package org.perflab.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Flight Recorder on real work. Bounds are loose: on a shared two-core machine the computing
 * thread may be descheduled for part of the time, so "CPU-bound" is asserted as far more samples
 * than the sleeping block gets, not as a sample every interval.
 */
class JfrProfilerTest {

    private static final long BUSY_NANOS = Duration.ofMillis(800).toNanos();
    private static volatile double sink;

    /** A pure arithmetic loop: no calls, so this method itself is on top of every sample. */
    static double burnCpu(long nanos) {
        long end = System.nanoTime() + nanos;
        double x = 1;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 1.000_000_1 + 1e-9;
            }
        }
        return x;
    }

    @Test
    void aCpuBoundLoopIsTheHottestMethod() {
        JfrProfiler profiler = JfrProfiler.builder().samplingInterval(Duration.ofMillis(5)).build();
        MethodProfile profile = profiler.profile("burn", () -> sink = burnCpu(BUSY_NANOS));

        String report = profile + "\n" + profile.hottestMethods(5);
        assertTrue(profile.samplesOnCallingThread() >= 20, report);
        assertEquals("JfrProfilerTest.burnCpu", profile.methods().get(0).method(), report);
        assertTrue(profile.shareOfSamplesIn("burnCpu") > 0.5, report);
        assertTrue(profile.cpuShareOfWall() > profile.waitShareOfWall(), report);
        assertEquals(5, profile.hottestMethods(5).columnCount());
    }

    @Test
    void aWaitingBlockGetsFewSamplesAndItsWaitIsCounted() throws Exception {
        MethodProfile profile = JfrProfiler.create().profile("sleep", () -> Thread.sleep(500));

        String report = profile.toString();
        assertTrue(profile.samplesOnCallingThread() <= 5, report);
        assertTrue(profile.waitShareOfWall() > 0.8, report);
        assertTrue(profile.waitNanosByEvent().containsKey("jdk.ThreadSleep"), report);
        assertEquals("jdk.ThreadSleep", profile.waitTable().getString(0, "event"), profile.waitTable().print());
    }

    @Test
    void anIntervalBelowWhatJfrSupportsIsRejected() {
        IllegalArgumentException tooFast = assertThrows(IllegalArgumentException.class,
                () -> JfrProfiler.builder().samplingInterval(Duration.ofNanos(100_000)));
        assertTrue(tooFast.getMessage().contains("samplingInterval must be >= 1 ms"), tooFast.getMessage());
    }
}
