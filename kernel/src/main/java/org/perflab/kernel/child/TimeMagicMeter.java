package org.perflab.kernel.child;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code %%time} reports for one cell, measured inside the JVM that ran it: wall time, CPU
 * time of the whole process (so threads the cell started count too), bytes allocated by live
 * threads, and garbage collections with their accumulated time.
 */
final class TimeMagicMeter {

    private final long wallStartNanos;
    private final long cpuStartNanos;
    private final long allocatedStartBytes;
    private final long gcCountStart;
    private final long gcTimeStartMs;

    private TimeMagicMeter() {
        this.gcCountStart = gcCount();
        this.gcTimeStartMs = gcTimeMs();
        this.allocatedStartBytes = allocatedBytes();
        this.cpuStartNanos = processCpuNanos();
        this.wallStartNanos = System.nanoTime();
    }

    static TimeMagicMeter start() {
        return new TimeMagicMeter();
    }

    /** Stops the meter; the answer is a small JSON object the kernel formats. */
    String stop() {
        long wallNanos = System.nanoTime() - wallStartNanos;
        long cpuNanos = processCpuNanos() - cpuStartNanos;
        long allocated = allocatedBytes() - allocatedStartBytes;
        long gcs = gcCount() - gcCountStart;
        long gcMs = gcTimeMs() - gcTimeStartMs;
        return String.format(
                "{\"wallNanos\":%d,\"cpuNanos\":%d,\"allocatedBytes\":%d,\"gcCount\":%d,\"gcTimeMs\":%d}",
                wallNanos, cpuNanos, Math.max(0, allocated), gcs, gcMs);
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.getCurrentThreadCpuTime();
    }

    /** Allocation of the threads alive now; a thread that ended during the cell is not counted. */
    private static long allocatedBytes() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean) {
            com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) threads;
            long[] ids = threads.getAllThreadIds();
            return Arrays.stream(sun.getThreadAllocatedBytes(ids)).filter(b -> b > 0).sum();
        }
        return 0;
    }

    private static long gcCount() {
        return gcs().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum();
    }

    private static long gcTimeMs() {
        return gcs().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    private static List<GarbageCollectorMXBean> gcs() {
        return ManagementFactory.getGarbageCollectorMXBeans();
    }
}
