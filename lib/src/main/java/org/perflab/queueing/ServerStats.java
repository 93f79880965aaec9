package org.perflab.queueing;

import java.util.Locale;
import org.perflab.latency.LatencySummary;

/**
 * What a {@link LiveServer} measured on itself since it started or was last reset.
 *
 * @param workers          worker threads (servers)
 * @param completed        requests served
 * @param wallSec          wall-clock seconds covered
 * @param utilization      busy time / (workers x wall time); service in progress at the moment of
 *                         the snapshot is not yet counted
 * @param queueWait        time from {@code call()} to a worker picking the request up (nanoseconds)
 * @param serviceTime      measured time in service (nanoseconds): the drawn service time plus the
 *                         timer's overshoot, or, when CPU-bound, plus any time the CPU was taken away
 */
public record ServerStats(int workers, long completed, double wallSec, double utilization,
                          LatencySummary queueWait, LatencySummary serviceTime) {

    /** Served requests per second of wall time. */
    public double throughputPerSec() {
        return wallSec > 0 ? completed / wallSec : 0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "live server, %d workers: %d requests in %.2f s (%.1f req/s),"
                        + " utilization %.3f%n  queue wait:   %s%n  service time: %s",
                workers, completed, wallSec, throughputPerSec(), utilization, queueWait, serviceTime);
    }
}
