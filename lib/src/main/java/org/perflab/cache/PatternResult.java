package org.perflab.cache;

import java.util.Objects;
import org.HdrHistogram.Histogram;
import org.perflab.latency.LatencySummary;

/**
 * What one caching pattern did with one workload: its latencies, the load it put on the database, and
 * how consistent cache and database were.
 *
 * @param pattern          "cache-aside", "write-through", "write-behind"
 * @param store            the cache it ran on (the first instance's)
 * @param instances        application instances the operations were spread over
 * @param reads            reads timed
 * @param writes           writes timed
 * @param readLatency      per read, nanoseconds
 * @param writeLatency     per write (until acknowledged), nanoseconds
 * @param hitRatio         cache hits over reads
 * @param databaseSelects  SELECTs the database received while the workload ran
 * @param databaseUpdates  UPDATE statements (a batch entry counts one)
 * @param databaseRoundTrips execute calls that reached the driver (a batch counts one)
 * @param staleReads       reads that returned something other than the last acknowledged write
 * @param keysChecked      keys compared at the end
 * @param databaseBehind   keys whose database row lacks the last acknowledged write (at the end, before any flush)
 * @param cacheStale       keys for which some instance's cache holds a value other than the last acknowledged write
 * @param readHistogram    every timed read, nanoseconds: the samples behind {@code readLatency}, for intervals
 *                         (say {@link org.perflab.latency.LatencyEstimates#percentileRatio}); a copy each call
 * @param writeHistogram   every timed write, nanoseconds, the samples behind {@code writeLatency}; a copy each call
 */
public record PatternResult(String pattern, String store, int instances, long reads, long writes, LatencySummary readLatency,
                            LatencySummary writeLatency, double hitRatio, long databaseSelects,
                            long databaseUpdates, long databaseRoundTrips, long staleReads, long keysChecked,
                            long databaseBehind, long cacheStale, Histogram readHistogram,
                            Histogram writeHistogram) {

    public PatternResult {
        readHistogram = Objects.requireNonNull(readHistogram, "readHistogram").copy();
        writeHistogram = Objects.requireNonNull(writeHistogram, "writeHistogram").copy();
    }

    /** Every timed read's latency, nanoseconds (a copy: the result stays as it was measured). */
    @Override
    public Histogram readHistogram() {
        return readHistogram.copy();
    }

    /** Every timed write's latency until acknowledged, nanoseconds (a copy). */
    @Override
    public Histogram writeHistogram() {
        return writeHistogram.copy();
    }

    /** The record's fields, each histogram shown by its sample count (its summary is the latency field). */
    @Override
    public String toString() {
        return "PatternResult[pattern=" + pattern + ", store=" + store + ", instances=" + instances + ", reads=" + reads
                + ", writes=" + writes + ", readLatency=" + readLatency + ", writeLatency=" + writeLatency
                + ", hitRatio=" + hitRatio + ", databaseSelects=" + databaseSelects + ", databaseUpdates="
                + databaseUpdates + ", databaseRoundTrips=" + databaseRoundTrips + ", staleReads=" + staleReads
                + ", keysChecked=" + keysChecked + ", databaseBehind=" + databaseBehind + ", cacheStale=" + cacheStale
                + ", readHistogram=" + readHistogram.getTotalCount() + " samples, writeHistogram="
                + writeHistogram.getTotalCount() + " samples]";
    }

    /** One row per result, with latencies in milliseconds and the database's load. */
    public static tech.tablesaw.api.Table tableOf(java.util.List<PatternResult> results) {
        return CacheTables.patterns(results);
    }

    /** Stale reads over reads. */
    public double staleFraction() {
        return reads == 0 ? Double.NaN : (double) staleReads / reads;
    }

    /** Database statements per application operation: the load the cache leaves on the database. */
    public double databaseStatementsPerOperation() {
        return (double) (databaseSelects + databaseUpdates) / (reads + writes);
    }
}
