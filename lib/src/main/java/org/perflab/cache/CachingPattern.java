package org.perflab.cache;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * A user repository with a cache in front of the database. All three patterns read the same way
 * (look in the cache; on a miss load from the database and fill the cache); they differ in how a
 * write reaches the cache and the database:
 * <ul>
 *   <li>{@link CacheAside}: update the database, then delete the cached entry;</li>
 *   <li>{@link WriteThrough}: update the database, then put the new value in the cache;</li>
 *   <li>{@link WriteBehind}: put the new value in the cache and return; a background flusher writes
 *       the database later, in batches.</li>
 * </ul>
 * Cache keys are {@code user:<id>}. Thread-safe if the store is.
 */
public abstract class CachingPattern implements AutoCloseable {

    private final String name;
    private final CacheStore store;
    private final UserTable table;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    CachingPattern(String name, CacheStore store, UserTable table) {
        this.name = name;
        this.store = Objects.requireNonNull(store, "store");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** The cache key of a user. */
    public static String key(long id) {
        return "user:" + id;
    }

    /** The user from the cache, or on a miss from the database (then cached); null when there is none. */
    public final User read(long id) {
        String key = key(id);
        String cached = store.get(key);
        if (cached != null) {
            hits.increment();
            return User.parse(cached);
        }
        misses.increment();
        User loaded = table.load(id);
        if (loaded != null) {
            store.put(key, loaded.serialize());
        }
        return loaded;
    }

    /** Saves a changed user; when it returns the write is acknowledged to the caller. */
    public abstract void write(User user);

    /** "cache-aside", "write-through", "write-behind". */
    public String name() {
        return name;
    }

    public CacheStore store() {
        return store;
    }

    public UserTable table() {
        return table;
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Hits over reads; NaN before the first read. */
    public double hitRatio() {
        long reads = hits() + misses();
        return reads == 0 ? Double.NaN : (double) hits() / reads;
    }

    /** Stops any background work the pattern runs; the store and the table stay open. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return name + " over " + store.name();
    }
}
