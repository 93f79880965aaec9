package org.perflab.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.perflab.check.Require;

import java.time.Duration;
import java.util.Objects;

/**
 * Caffeine in this JVM: a hit is a hash-table read, tens of nanoseconds. Bounded by entry count
 * (evicting with W-TinyLFU) and optionally by time since write.
 *
 * <p>Maintenance (eviction, expiry) runs on the calling thread instead of Caffeine's default
 * ForkJoinPool, so a replay evicts at the same point every run and no background task competes
 * with a measurement on a two-core machine.
 */
public final class CaffeineStore implements CacheStore {

    public static final long DEFAULT_MAXIMUM_SIZE = 100_000;

    private final String name;
    private final Cache<String, String> cache;

    private CaffeineStore(Builder builder) {
        this.name = builder.name;
        Caffeine<Object, Object> caffeine = Caffeine.newBuilder().maximumSize(builder.maximumSize)
                .executor(Runnable::run).ticker(builder.ticker);
        if (builder.expireAfterWrite != null) {
            caffeine.expireAfterWrite(builder.expireAfterWrite);
        }
        this.cache = caffeine.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String get(String key) {
        return cache.getIfPresent(key);
    }

    @Override
    public void put(String key, String value) {
        cache.put(key, value);
    }

    @Override
    public void delete(String key) {
        cache.invalidate(key);
    }

    /** Entries held now (expired ones may still count until the next maintenance). */
    public long size() {
        return cache.estimatedSize();
    }

    /** The Caffeine cache itself, for experiments that need its own API. */
    public Cache<String, String> cache() {
        return cache;
    }

    @Override
    public String toString() {
        return name + " (" + size() + " entries)";
    }

    /** Defaults: {@value #DEFAULT_MAXIMUM_SIZE} entries, no expiry, the system ticker. */
    public static final class Builder {
        private String name = "Caffeine";
        private long maximumSize = DEFAULT_MAXIMUM_SIZE;
        private Duration expireAfterWrite;
        private Ticker ticker = Ticker.systemTicker();

        private Builder() {
        }

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder maximumSize(long maximumSize) {
            this.maximumSize = Require.atLeast("maximumSize", maximumSize, 1, "let the cache hold at least one entry");
            return this;
        }

        /** Entries expire this long after they were written; null means never. */
        public Builder expireAfterWrite(Duration expireAfterWrite) {
            if (expireAfterWrite != null) {
                Require.positive("expireAfterWrite", expireAfterWrite,
                        "give a duration longer than zero, or null for entries that never expire");
            }
            this.expireAfterWrite = expireAfterWrite;
            return this;
        }

        /** The clock expiry reads; a {@link ManualTicker} replays time. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        public CaffeineStore build() {
            return new CaffeineStore(this);
        }
    }
}
