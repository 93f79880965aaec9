package org.perflab.kernel.child;

import java.util.concurrent.TimeUnit;

/**
 * Flushes the child's buffered stdout and stderr on a short period, so output streams to the
 * notebook while a cell runs (not only when it ends) without a socket write per print call.
 */
final class OutputFlusher {

    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private OutputFlusher() {
    }

    static void start() {
        Thread flusher = new Thread(OutputFlusher::run, "perflab-output-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    static void flushNow() {
        System.out.flush();
        System.err.flush();
    }

    private static void run() {
        while (true) {
            try {
                TimeUnit.NANOSECONDS.sleep(PERIOD_NANOS);
                flushNow();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                // A user stream that fails to flush must not end the flusher; the next period retries.
            }
        }
    }
}
