package org.perflab.cache;

import java.util.Objects;
import org.HdrHistogram.Histogram;
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
 * @param latencyHistogram every request's latency, nanoseconds: the samples behind {@code latency}, for
 *                       intervals and for pooling several runs ({@code Histogram.add}); a copy each call
 */
public record StampedeResult(String strategy, int threads, long loads, LatencySummary latency, long previousValues,
                             Histogram latencyHistogram) {

    public StampedeResult {
        latencyHistogram = Objects.requireNonNull(latencyHistogram, "latencyHistogram").copy();
    }

    /** Every request's latency from the common start, nanoseconds (a copy: the result stays as measured). */
    @Override
    public Histogram latencyHistogram() {
        return latencyHistogram.copy();
    }

    /** The record's fields, the histogram shown by its sample count (its summary is {@code latency}). */
    @Override
    public String toString() {
        return "StampedeResult[strategy=" + strategy + ", threads=" + threads + ", loads=" + loads + ", latency="
                + latency + ", previousValues=" + previousValues + ", latencyHistogram="
                + latencyHistogram.getTotalCount() + " samples]";
    }

    /** One row per strategy, latencies in milliseconds. */
    public static tech.tablesaw.api.Table tableOf(java.util.List<StampedeResult> results) {
        return CacheTables.stampedes(results);
    }
}
