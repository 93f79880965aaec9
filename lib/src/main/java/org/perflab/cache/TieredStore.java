package org.perflab.cache;

import java.util.Objects;

/**
 * A small local Caffeine in front of a shared Redis, as one application instance holds it: a read
 * tries this JVM first (nanoseconds), then Redis (a round trip), and copies a Redis hit into the
 * local tier. Writes and deletes go to both tiers.
 *
 * <p>Surprise: another instance's write cannot reach this instance's local tier by itself. Without an
 * {@link InvalidationBus} the local copy stays stale until it expires; with one, until the message
 * arrives.
 */
public final class TieredStore implements CacheStore {

    private final CaffeineStore local;
    private final RedisStore remote;
    private final InvalidationBus bus;

    private TieredStore(CaffeineStore local, RedisStore remote, boolean withInvalidationBus) {
        this.local = Objects.requireNonNull(local, "local");
        this.remote = Objects.requireNonNull(remote, "remote");
        this.bus = withInvalidationBus ? InvalidationBus.subscribe(remote.keySpace(), local::delete) : null;
    }

    /** Local over remote, and nothing tells this instance when another one changes a key. */
    public static TieredStore of(CaffeineStore local, RedisStore remote) {
        return new TieredStore(local, remote, false);
    }

    /** Local over remote, with every write announced on, and every announcement applied from, Redis pub/sub. */
    public static TieredStore withInvalidation(CaffeineStore local, RedisStore remote) {
        return new TieredStore(local, remote, true);
    }

    @Override
    public String name() {
        return local.name() + " + " + remote.name() + (bus == null ? "" : " + pub/sub invalidation");
    }

    @Override
    public String get(String key) {
        String value = local.get(key);
        if (value != null) {
            return value;
        }
        value = remote.get(key);
        if (value != null) {
            local.put(key, value);
        }
        return value;
    }

    @Override
    public void put(String key, String value) {
        remote.put(key, value);
        local.put(key, value);
        announce(key);
    }

    @Override
    public void delete(String key) {
        remote.delete(key);
        local.delete(key);
        announce(key);
    }

    private void announce(String key) {
        if (bus != null) {
            bus.publish(key);
        }
    }

    public CaffeineStore local() {
        return local;
    }

    public RedisStore remote() {
        return remote;
    }

    /** Invalidation messages received from other instances; 0 without a bus. */
    public long invalidationsReceived() {
        return bus == null ? 0 : bus.received();
    }

    @Override
    public void close() {
        if (bus != null) {
            bus.close();
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
