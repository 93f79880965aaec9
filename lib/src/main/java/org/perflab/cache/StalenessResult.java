package org.perflab.cache;

import java.time.Duration;

/**
 * How often a cache-aside cache served data older than the database, in one {@link StalenessReplay}.
 *
 * @param invalidation      how the cache learned of changes
 * @param timeToLive        the entries' time to live; null for none
 * @param reads             reads replayed
 * @param hits              reads the cache answered
 * @param staleReads        reads that returned an older version than the database held at that moment
 * @param writes            writes replayed
 * @param forgottenWrites   writes that went through the path that does not invalidate
 * @param maxStaleAgeNanos  longest time between a write and a read that still missed it (replayed time)
 */
public record StalenessResult(Invalidation invalidation, Duration timeToLive, long reads, long hits, long staleReads,
                              long writes, long forgottenWrites, long maxStaleAgeNanos) {

    public double staleFraction() {
        return reads == 0 ? Double.NaN : (double) staleReads / reads;
    }

    public double hitRatio() {
        return reads == 0 ? Double.NaN : (double) hits / reads;
    }

    /** Database loads: the reads the cache did not answer. */
    public long misses() {
        return reads - hits;
    }

    public double maxStaleAgeSeconds() {
        return maxStaleAgeNanos / 1e9;
    }

    /** One row per result. */
    public static tech.tablesaw.api.Table tableOf(java.util.List<StalenessResult> results) {
        return CacheTables.staleness(results);
    }
}
