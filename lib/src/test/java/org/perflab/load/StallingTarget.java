package org.perflab.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A server that answers in {@code serviceNanos} but freezes once, like a long GC pause: from
 * {@code stallAfterNanos} after its first call, for {@code stallNanos}, every call waits until the
 * freeze ends. Interruptible throughout, so a stopping generator is never held up.
 */
final class StallingTarget implements Target {

    private final long serviceNanos;
    private final long stallAfterNanos;
    private final long stallNanos;
    private final AtomicLong firstCallNanos = new AtomicLong();

    StallingTarget(long serviceMillis, long stallAfterMillis, long stallMillis) {
        this.serviceNanos = TimeUnit.MILLISECONDS.toNanos(serviceMillis);
        this.stallAfterNanos = TimeUnit.MILLISECONDS.toNanos(stallAfterMillis);
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMillis);
    }

    @Override
    public void call() throws InterruptedException {
        long now = System.nanoTime();
        firstCallNanos.compareAndSet(0, now);
        long stallStart = firstCallNanos.get() + stallAfterNanos;
        long stallEnd = stallStart + stallNanos;
        if (now - stallStart >= 0 && now - stallEnd < 0) {
            parkUntil(stallEnd);
        }
        parkUntil(System.nanoTime() + serviceNanos);
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
