package org.perflab.threads;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.perflab.check.Require;

/**
 * What a thread blocked in a request costs in memory: {@code threads} threads from one factory are
 * started and parked on a latch, a call or two deep, and the process's memory is read before and
 * after. Two parts are reported per thread: Java heap (a virtual thread's stack lives there while it
 * is parked) and memory outside the heap (a platform thread's stack and the operating system's thread
 * structures), read as the process's resident set (Linux's {@code /proc/self/status}) less the heap's
 * growth. Measure in a fresh JVM: one that has ended many threads reuses their cached stacks (glibc keeps
 * them, pages resident), and the resident set then understates a platform thread's cost.
 */
public final class ThreadMemory {

    /** How deep each parked thread's stack is, in calls: a request's handler is never at the top. */
    static final int STACK_DEPTH = 20;

    private ThreadMemory() {
    }

    /** Bytes per parked thread: on the heap, outside it, and both. */
    public record Footprint(String kind, int threads, double heapBytesPerThread, double nativeBytesPerThread) {
        public double totalBytesPerThread() {
            return heapBytesPerThread + nativeBytesPerThread;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s: %,d threads, %.1f KiB each (%.1f KiB heap, %.1f KiB outside the heap)",
                    kind, threads, totalBytesPerThread() / 1024, heapBytesPerThread / 1024, nativeBytesPerThread / 1024);
        }
    }

    /**
     * Starts {@code threads} threads from {@code factory}, parks them, measures, releases them and waits
     * for them to end.
     *
     * @throws IllegalStateException where the resident set cannot be read (not Linux)
     */
    public static Footprint measure(String kind, ThreadFactory factory, int threads) throws InterruptedException {
        Require.atLeast("threads", threads, 1, "start at least one thread, e.g. 1000 to see the per-thread cost");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        settle(memory);
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        long rssBefore = residentBytes();
        CountDownLatch parked = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>(threads);
        try {
            for (int i = 0; i < threads; i++) {
                Thread thread = factory.newThread(() -> parkAtDepth(STACK_DEPTH, parked, release));
                thread.start();
                started.add(thread);
            }
            if (!parked.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the threads did not all start within 60 s");
            }
            settle(memory);
            long heapGrowth = memory.getHeapMemoryUsage().getUsed() - heapBefore;
            long rssGrowth = residentBytes() - rssBefore;
            // The heap's growth is resident too (its pages were touched); the rest is outside the heap.
            double heapPerThread = Math.max(0, heapGrowth) / (double) threads;
            double nativePerThread = Math.max(0, rssGrowth - Math.max(0, heapGrowth)) / (double) threads;
            return new Footprint(kind, threads, heapPerThread, nativePerThread);
        } finally {
            release.countDown();
            for (Thread thread : started) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
    }

    private static void parkAtDepth(int depth, CountDownLatch parked, CountDownLatch release) {
        if (depth > 0) {
            parkAtDepth(depth - 1, parked, release);
            return;
        }
        parked.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects twice, so what is left on the heap is what the live threads hold. */
    private static void settle(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            memory.gc();
            Thread.sleep(50);
        }
    }

    /** The process's resident set in bytes (VmRSS). */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;   // reported in kB
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the resident set from /proc/self/status (Linux only): " + e, e);
        }
        throw new IllegalStateException("/proc/self/status has no VmRSS line");
    }
}
