package org.perflab.bottleneck;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Stock levels behind a monitor, and a reconciler thread that takes the same monitor every
 * {@code holdMillis + gapMillis} and keeps it for {@code holdMillis} (as a nightly-batch job
 * written as a loop might). A reader that enters the monitor waits for whatever is left of the
 * reconciler's hold; a reader of the snapshot never waits.
 */
final class StockLedger implements AutoCloseable {

    private final Object lock = new Object();
    private final int[] stock;
    private volatile int[] snapshot;
    private final Thread reconciler;
    private volatile boolean running = true;

    StockLedger(int products, Duration hold, Duration gap) {
        this.stock = new int[products + 1];
        for (int id = 0; id <= products; id++) {
            stock[id] = 10 + id % 7;
        }
        this.snapshot = stock.clone();
        long holdNanos = hold.toNanos();
        long gapNanos = gap.toNanos();
        this.reconciler = new Thread(() -> {
            while (running) {
                synchronized (lock) {
                    reconcile(holdNanos);
                }
                sleep(gapNanos);
            }
        }, "perflab-stock-reconciler");
        reconciler.setDaemon(true);
        reconciler.start();
    }

    private void reconcile(long holdNanos) {
        stock[0]++;
        snapshot = stock.clone();
        sleep(holdNanos);
    }

    private static void sleep(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads through the monitor: waits while the reconciler holds it. */
    int lockedRead(int productId) {
        synchronized (lock) {
            return stock[productId];
        }
    }

    /** Reads the last copy the reconciler published: never waits. */
    int snapshotRead(int productId) {
        return snapshot[productId];
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reconciler.interrupt();
        reconciler.join(2_000);
    }
}
