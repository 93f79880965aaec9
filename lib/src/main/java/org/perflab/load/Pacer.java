package org.perflab.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a point on the {@link System#nanoTime()} clock. Long waits park (no CPU used); the
 * last stretch spins, because a parked thread wakes up tens of microseconds late on Linux (timer
 * slack), which at 50,000 requests per second would be longer than the gap between requests.
 */
final class Pacer {

    /** Parking overshoots by roughly 50-100 us; spin for the last stretch shorter than this. */
    static final long SPIN_THRESHOLD_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private Pacer() {
    }

    /**
     * Returns {@code true} once {@code System.nanoTime() >= deadlineNanos}, or {@code false} as soon
     * as the current thread is interrupted; the interrupt flag is left set. Parks until close to
     * the deadline, then spins, so request starts land within microseconds of their schedule.
     */
    static boolean awaitNanoTime(long deadlineNanos) {
        return waitUntil(deadlineNanos, SPIN_THRESHOLD_NANOS);
    }

    /** Like {@link #awaitNanoTime} but always parks: for think times, where microseconds don't matter. */
    static boolean parkUntil(long deadlineNanos) {
        return waitUntil(deadlineNanos, 0);
    }

    private static boolean waitUntil(long deadlineNanos, long spinNanos) {
        Thread current = Thread.currentThread();
        while (true) {
            long remainingNanos = deadlineNanos - System.nanoTime();
            if (remainingNanos <= 0) {
                return true;
            }
            if (current.isInterrupted()) {
                return false;
            }
            if (remainingNanos > spinNanos) {
                LockSupport.parkNanos(remainingNanos - spinNanos);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
