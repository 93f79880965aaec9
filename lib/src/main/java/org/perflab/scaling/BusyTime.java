package org.perflab.scaling;

/**
 * Time workers spend on requests, including requests still running: a reading taken in the middle of
 * a long request counts the part already done, so the utilization between two readings is the work
 * done between them and never exceeds the number of workers. One lock keeps the three numbers
 * consistent; it is held for a few instructions per request.
 */
final class BusyTime {

    private long finishedNanos;
    private long runningStartSum;
    private int running;

    /** A request started at {@code now} (System.nanoTime); returns {@code now} to pass to {@link #finished}. */
    synchronized long started(long now) {
        running++;
        runningStartSum += now;
        return now;
    }

    synchronized void finished(long start, long now) {
        running--;
        runningStartSum -= start;
        finishedNanos += now - start;
    }

    /** Busy time up to {@code now}: finished requests in full, running ones up to now. */
    synchronized long busyNanos(long now) {
        return finishedNanos + running * now - runningStartSum;
    }

    synchronized int running() {
        return running;
    }
}
