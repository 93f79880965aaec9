package org.perflab.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A server that answers in {@code serviceNanos} but freezes once, like a long GC pause: the freeze
 * starts when call number {@code stallAtCall} arrives and lasts {@code stallNanos}; every call that
 * arrives during it waits until it ends. Started by a call count, not a clock, so the call that starts
 * it waits the whole freeze however late a busy machine runs it. Interruptible throughout, so a
 * stopping generator is never held up.
 */
final class StallingTarget implements Target {

    private final long serviceNanos;
    private final long stallAtCall;
    private final long stallNanos;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong stalledCalls = new AtomicLong();
    private volatile long stallEndNanos;
    private volatile boolean stallStarted;

    StallingTarget(long serviceMillis, long stallAtCall, long stallMillis) {
        this.serviceNanos = TimeUnit.MILLISECONDS.toNanos(serviceMillis);
        this.stallAtCall = stallAtCall;
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMillis);
    }

    @Override
    public void call() throws InterruptedException {
        long now = System.nanoTime();
        if (calls.incrementAndGet() == stallAtCall) {
            stallEndNanos = now + stallNanos;
            stallStarted = true;
        }
        if (stallStarted && now - stallEndNanos < 0) {
            stalledCalls.incrementAndGet();
            parkUntil(stallEndNanos);
        }
        parkUntil(System.nanoTime() + serviceNanos);
    }

    /** Calls that arrived during the freeze and waited for its end. */
    long stalledCalls() {
        return stalledCalls.get();
    }

    private static void parkUntil(long deadlineNanos) throws InterruptedException {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) {
                throw new InterruptedException("stalling target interrupted");
            }
        }
    }
}
