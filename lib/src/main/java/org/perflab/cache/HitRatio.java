package org.perflab.cache;

/**
 * The result of replaying a trace through one eviction policy at one cache size.
 *
 * @param trace     the trace's name
 * @param policy    the policy's label
 * @param cacheSize entries the cache could hold
 * @param hits      requests the cache answered
 * @param requests  requests replayed
 */
public record HitRatio(String trace, String policy, int cacheSize, long hits, long requests) {

    /** One row per trace and cache size, a hit-ratio column per policy. */
    public static tech.tablesaw.api.Table tableOf(java.util.List<HitRatio> results) {
        return CacheTables.hitRatios(results);
    }

    public double ratio() {
        return requests == 0 ? Double.NaN : (double) hits / requests;
    }
}
