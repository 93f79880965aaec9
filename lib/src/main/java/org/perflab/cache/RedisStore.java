package org.perflab.cache;

import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import org.perflab.check.Require;

/**
 * Redis over the network: every get is a round trip (tens of microseconds on loopback, more across
 * a network), and every application instance sees the same entries. Keys live in one
 * {@link RedisKeySpace}; the time to live is Redis's own ({@code SET ... PX}).
 */
public final class RedisStore implements CacheStore {

    private final RedisKeySpace keySpace;
    private final Duration timeToLive;
    private final String name;

    /** A store under {@code keySpace}; {@code timeToLive} null means no expiry. */
    public RedisStore(RedisKeySpace keySpace, Duration timeToLive) {
        Require.that(timeToLive == null || timeToLive.toMillis() >= 1, "timeToLive", timeToLive,
                ">= 1 ms (Redis's PX unit)", "give at least Duration.ofMillis(1), or null for no expiry");
        this.keySpace = keySpace;
        this.timeToLive = timeToLive;
        this.name = "Redis";
        keySpace.redis().client();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String get(String key) {
        String fullKey = keySpace.key(key);
        return keySpace.redis().call("GET " + fullKey, jedis -> jedis.get(fullKey));
    }

    @Override
    public void put(String key, String value) {
        String fullKey = keySpace.key(key);
        keySpace.redis().call("SET " + fullKey, jedis -> timeToLive == null ? jedis.set(fullKey, value)
                : jedis.set(fullKey, value, SetParams.setParams().px(timeToLive.toMillis())));
    }

    @Override
    public void delete(String key) {
        String fullKey = keySpace.key(key);
        keySpace.redis().call("DEL " + fullKey, jedis -> jedis.del(fullKey));
    }

    public RedisKeySpace keySpace() {
        return keySpace;
    }

    @Override
    public String toString() {
        return name + " under " + keySpace.prefix() + (timeToLive == null ? "" : ", TTL " + timeToLive);
    }
}
