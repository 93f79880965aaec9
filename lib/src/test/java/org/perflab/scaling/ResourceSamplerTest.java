package org.perflab.scaling;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Resource sampling of this JVM. Sampling a local PostgreSQL is {@link ResourceSamplerIT}.
 */
class ResourceSamplerTest {

    @Test
    void gaugesReportMeanAndMaximumOfTheirSamples() throws Exception {
        AtomicInteger value = new AtomicInteger(2);
        AtomicInteger reads = new AtomicInteger();
        ResourceSampler sampler = ResourceSampler.builder().interval(Duration.ofMillis(2)).gauge("value", () -> {
            reads.incrementAndGet();
            return value.get();
        }).start();
        // Wait for reads, not for time: a busy machine may run the sampler late, but it must run.
        awaitReads(reads, 3);
        value.set(6);
        awaitReads(reads, reads.get() + 3);
        ResourceUsage usage = sampler.stop();
        assertTrue(usage.samples() >= 4, "sampled through the window: " + usage.samples());
        assertEquals(6, usage.gauge("value").max());
        assertTrue(usage.gauge("value").mean() > 2 && usage.gauge("value").mean() < 6, usage.gauges().toString());
        assertSame(usage, sampler.stop(), "stopping twice gives the same figures");
        assertThrows(IllegalArgumentException.class, () -> usage.gauge("missing"));
    }

    @Test
    void cpuFiguresCountABusyThreadOfThisJvm() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "needs Linux /proc");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ResourceSampler sampler = ResourceSampler.start();
        long threadCpuBefore = threads.getCurrentThreadCpuTime();
        long until = System.nanoTime() + 400_000_000L;
        CpuWork work = CpuWork.ofRounds(10_000);
        while (System.nanoTime() < until) {
            work.call();
        }
        double threadCpuSeconds = (threads.getCurrentThreadCpuTime() - threadCpuBefore) / 1e9;
        ResourceUsage usage = sampler.stop();
        // One thread spun inside the window: this JVM's CPU includes all of that thread's, however little of a
        // core a busy machine gave it (1 ms of slack for the two clocks' granularity).
        double processCpuSeconds = usage.processCores() * usage.wallSeconds();
        assertTrue(threadCpuSeconds > 0 && processCpuSeconds >= threadCpuSeconds - 0.001,
                "thread " + threadCpuSeconds + " s of CPU, process " + processCpuSeconds + " s: " + usage);
        assertTrue(usage.processCores() <= usage.cores() + 0.5, usage.toString());
        assertTrue(usage.cpuUtilization() > 0 && usage.cpuUtilization() <= 1, usage.toString());
        assertTrue(usage.runnableBeyondCores() >= 0, usage.toString());
        assertTrue(usage.postgresCores() >= 0, usage.toString());
    }

    @Test
    void rejectsAnIntervalBelowAMillisecond() {
        assertThrows(IllegalArgumentException.class, () -> ResourceSampler.builder().interval(Duration.ofNanos(10)));
    }

    private static void awaitReads(AtomicInteger reads, int atLeast) throws InterruptedException {
        while (reads.get() < atLeast) {
            Thread.sleep(1);
        }
    }
}
