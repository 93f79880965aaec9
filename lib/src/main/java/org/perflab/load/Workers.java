package org.perflab.load;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The generators' thread pools: fixed size, unbounded queue, daemon threads (a target that ignores
 * interrupts must not keep the JVM alive), started before the clock starts.
 */
final class Workers {

    /** How long a stop waits for interrupted workers to finish before returning anyway. */
    static final long STOP_GRACE_MILLIS = 500;

    private Workers() {
    }

    static ThreadPoolExecutor start(String namePrefix, int threads) {
        AtomicInteger number = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, namePrefix + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), factory);
        // Creating threads during the run would delay the first requests and show up as latency.
        pool.prestartAllCoreThreads();
        return pool;
    }

    /**
     * Lets queued and running requests finish for up to {@code timeoutNanos}, then interrupts the
     * rest. Returns {@code true} if everything finished in time.
     *
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    static boolean drain(ExecutorService pool, long timeoutNanos) throws InterruptedException {
        pool.shutdown();
        if (pool.awaitTermination(timeoutNanos, TimeUnit.NANOSECONDS)) {
            return true;
        }
        stopNow(pool);
        return false;
    }

    /**
     * Interrupts every worker and waits at most {@link #STOP_GRACE_MILLIS} for them; returns even if
     * a target ignores the interrupt (its daemon thread is abandoned). Clears and then restores the
     * caller's interrupt flag so the wait itself is not cut short.
     */
    static void stopNow(ExecutorService pool) {
        pool.shutdownNow();
        boolean wasInterrupted = Thread.interrupted();
        try {
            pool.awaitTermination(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            wasInterrupted = true;
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
