package org.perflab.cache;

import org.perflab.latency.LatencySummary;

/**
 * What happened when {@code threads} requests for one hot key arrived together at the moment it was
 * due: how many times the expensive load ran, how long the requests took, and how many were answered
 * with the previous value while a new one was loading.
 *
 * @param strategy       the strategy's label
 * @param threads        concurrent requests
 * @param loads          times the loader ran (priming not counted)
 * @param latency        per request, nanoseconds, from the common start
 * @param previousValues requests answered with the value from before the stampede
 */
public record StampedeResult(String strategy, int threads, long loads, LatencySummary latency, long previousValues) {

    /** One row per strategy, latencies in milliseconds. */
    public static tech.tablesaw.api.Table tableOf(java.util.List<StampedeResult> results) {
        return CacheTables.stampedes(results);
    }
}
