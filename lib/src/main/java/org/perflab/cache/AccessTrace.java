package org.perflab.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.perflab.check.Require;

/**
 * A sequence of cache requests, each a key, with where it came from. Keys are renumbered 0, 1, 2, ...
 * in order of first appearance when the trace is built: a hit ratio depends only on which requests
 * repeat, not on the keys' values, and dense numbers let the replays use arrays instead of hash maps.
 *
 * <p>Get published traces from {@link PublishedTraces}, synthetic ones from {@link #zipf}.
 */
public final class AccessTrace {

    private final String name;
    private final String source;
    private final int[] keys;
    private final int distinctKeys;

    private AccessTrace(String name, String source, int[] denseKeys, int distinctKeys) {
        this.name = name;
        this.source = source;
        this.keys = denseKeys;
        this.distinctKeys = distinctKeys;
    }

    /** A trace of the given keys (any values), renumbered densely. */
    public static AccessTrace of(String name, String source, int[] keys) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Map<Integer, Integer> dense = new HashMap<>();
        int[] renumbered = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            Integer id = dense.get(keys[i]);
            if (id == null) {
                id = dense.size();
                dense.put(keys[i], id);
            }
            renumbered[i] = id;
        }
        return new AccessTrace(name, source, renumbered, dense.size());
    }

    /** {@code length} requests over keys 1..{@code keys} with Zipf skew (see {@link ZipfKeys}), seeded. */
    public static AccessTrace zipf(int keys, double exponent, int length, long seed) {
        Require.atLeast("length", length, 1, "give the number of requests in the trace, e.g. 100_000");
        ZipfKeys zipf = new ZipfKeys(keys, exponent, seed);
        int[] requests = new int[length];
        for (int i = 0; i < length; i++) {
            requests[i] = zipf.next();
        }
        return of("Zipf " + exponent + " over " + keys + " keys", "synthetic, seed " + seed, requests);
    }

    public String name() {
        return name;
    }

    /** Where the trace comes from, with its licence for published ones. */
    public String source() {
        return source;
    }

    /** Number of requests. */
    public int length() {
        return keys.length;
    }

    public int distinctKeys() {
        return distinctKeys;
    }

    /** The dense key of request {@code i}: 0 to {@code distinctKeys() - 1}. */
    public int key(int i) {
        return keys[i];
    }

    /** Requests that are not a key's first: the hit ratio of a cache large enough to hold everything. */
    public double maximumHitRatio() {
        return (double) (keys.length - distinctKeys) / keys.length;
    }

    @Override
    public String toString() {
        return name + " (" + keys.length + " requests, " + distinctKeys + " distinct keys; " + source + ")";
    }
}
