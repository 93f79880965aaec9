package org.perflab.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Flight Recorder on real work. On a shared two-core machine the computing thread may get a small
 * share of a core, so it computes for an amount of its own CPU time, not of wall time: the busier
 * the machine, the longer it runs, and the sampler sees about as much of it either way. "CPU-bound"
 * is then asserted as far more samples than the sleeping block gets, not as a sample every interval.
 */
class JfrProfilerTest {

    private static final long BUSY_CPU_NANOS = Duration.ofMillis(400).toNanos();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile double sink;

    /**
     * A pure arithmetic loop until this thread has had {@code cpuNanos} of CPU. The inner loop is long
     * (about 100 µs) so the CPU-time reading between rounds is on top of almost no sample.
     */
    static double burnCpu(long cpuNanos) {
        long end = THREADS.getCurrentThreadCpuTime() + cpuNanos;
        double x = 1;
        while (THREADS.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 100_000; i++) {
                x = x * 1.000_000_1 + 1e-9;
            }
        }
        return x;
    }

    @Test
    void aCpuBoundLoopIsTheHottestMethod() {
        JfrProfiler profiler = JfrProfiler.builder().samplingInterval(Duration.ofMillis(5)).build();
        MethodProfile profile = profiler.profile("burn", () -> sink = burnCpu(BUSY_CPU_NANOS));

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
