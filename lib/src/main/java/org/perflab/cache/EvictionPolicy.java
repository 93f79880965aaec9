package org.perflab.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.perflab.check.Require;

/**
 * What a full cache throws out to make room, replayed over an {@link AccessTrace}: a request is a hit
 * when its key is cached, otherwise a miss that inserts it.
 * <ul>
 *   <li>{@link #LRU}: least recently used, the textbook policy (and Guava's, and Redis's {@code
 *       allkeys-lru} in spirit); a scan or a loop larger than the cache flushes it.</li>
 *   <li>{@link #W_TINYLFU}: Caffeine itself, bounded by {@code maximumSize}. Window TinyLFU (Einziger,
 *       Friedman and Manes, 2017): a small LRU window, then admission to the main space only for a
 *       candidate a frequency sketch has seen more often than the entry it would evict.</li>
 *   <li>{@link #OPTIMAL}: Belady's clairvoyant MIN, which evicts the key whose next request is
 *       furthest away (or never comes). No real cache can know the future; it is the ceiling the others
 *       are measured against.</li>
 * </ul>
 *
 * <p>Surprise: Caffeine's admission adds a small random jitter (a defence against hash flooding), so
 * its hit count can differ by a few requests between runs; LRU and OPTIMAL are exact.
 */
public enum EvictionPolicy {
    LRU("LRU") {
        @Override
        long hits(AccessTrace trace, int cacheSize) {
            return LruReplay.hits(trace, cacheSize);
        }
    },
    W_TINYLFU("Caffeine (W-TinyLFU)") {
        @Override
        long hits(AccessTrace trace, int cacheSize) {
            Cache<Integer, Boolean> cache = Caffeine.newBuilder().maximumSize(cacheSize).executor(Runnable::run)
                    .build();
            long hits = 0;
            for (int i = 0; i < trace.length(); i++) {
                Integer key = trace.key(i);
                if (cache.getIfPresent(key) != null) {
                    hits++;
                } else {
                    cache.put(key, Boolean.TRUE);
                }
            }
            return hits;
        }
    },
    OPTIMAL("optimal (Belady)") {
        @Override
        long hits(AccessTrace trace, int cacheSize) {
            return OptimalReplay.hits(trace, cacheSize);
        }
    };

    private final String label;

    EvictionPolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Replays the whole trace into an empty cache of {@code cacheSize} entries. */
    public HitRatio replay(AccessTrace trace, int cacheSize) {
        Require.atLeast("cacheSize", cacheSize, 1, "let the cache hold at least one entry");
        return new HitRatio(trace.name(), label, cacheSize, hits(trace, cacheSize), trace.length());
    }

    abstract long hits(AccessTrace trace, int cacheSize);
}
