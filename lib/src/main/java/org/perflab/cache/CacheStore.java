package org.perflab.cache;

/**
 * A key-value cache the caching patterns can sit on: Caffeine in this JVM ({@link CaffeineStore}),
 * Redis over the network ({@link RedisStore}), or one in front of the other ({@link TieredStore}).
 * Values are strings, as they would be after serialising an object for Redis; a miss is null.
 *
 * <p>Time to live is a property of the store (set when it is built), not of each call, so one
 * experiment compares stores with the same expiry.
 */
public interface CacheStore extends AutoCloseable {

    /** What the store is, for tables: "Caffeine", "Redis", "Caffeine + Redis". */
    String name();

    /** The cached value, or null on a miss (absent or expired). */
    String get(String key);

    void put(String key, String value);

    /** Removes the key; removing an absent key is not an error. */
    void delete(String key);

    /** Releases what the store holds (a subscription, a thread); the data stays where it is. */
    @Override
    default void close() {
    }
}
