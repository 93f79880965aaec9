package org.perflab.scaling;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU-bound part of a request: arithmetic until the calling thread has used the asked-for CPU
 * time. CPU time, not wall time, because that is what a request's CPU demand is: when more
 * requests run than there are cores, each one still needs its full share of a core, so it takes
 * longer and the instance saturates the way a real one does. A wall-clock spin would instead end on
 * time however little CPU it got, and hide exactly the contention a scaling experiment shows. Where
 * the JVM cannot read thread CPU time, it falls back to wall time and says so ({@link #clock()}).
 */
final class CpuBurner {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean THREAD_CPU = THREADS.isCurrentThreadCpuTimeSupported()
            && THREADS.isThreadCpuTimeEnabled();
    /** Iterations between clock reads: well under a microsecond of work, so the overshoot stays small. */
    private static final int BATCH = 256;

    private CpuBurner() {
    }

    /** "thread-cpu" or "wall": what {@link #burn} counts. */
    static String clock() {
        return THREAD_CPU ? "thread-cpu" : "wall";
    }

    /** The calling thread's CPU time in nanoseconds, or {@link System#nanoTime()} where it cannot be read. */
    static long now() {
        return THREAD_CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /**
     * Computes for {@code micros} microseconds of this thread's CPU time and returns the result, which
     * the caller must use (the response prints it) so the JIT cannot drop the loop.
     */
    static long burn(long micros, long seed) {
        long target = micros * 1_000;
        long start = now();
        long x = seed | 1;
        do {
            for (int i = 0; i < BATCH; i++) {
                // xorshift64: cheap, branch-free, and its result depends on every step.
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
        } while (now() - start < target);
        return x;
    }
}
