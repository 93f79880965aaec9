package org.perflab.scaling;

import org.perflab.cache.Redis;
import org.perflab.cache.RedisChooser;
import org.perflab.cache.RedisKeySpace;
import org.perflab.cache.RedisSettings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions in a Redis hash per session ({@code <prefix>session:<id>} with fields user and count),
 * shared by every instance given the same prefix. Each write renews a one-hour expiry, so keys of a
 * fleet whose owner was killed before it could delete them still go away by themselves.
 */
final class RedisSessionStore implements SessionStore {

    static final int EXPIRE_SECONDS = 3_600;
    // Increment only a session that exists: a plain HINCRBY would bring a deleted session back to life.
    private static final String INCREMENT_IF_EXISTS = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return false end
            local count = redis.call('HINCRBY', KEYS[1], 'count', 1)
            redis.call('EXPIRE', KEYS[1], ARGV[1])
            return {redis.call('HGET', KEYS[1], 'user'), tostring(count)}
            """;

    private final Redis redis;
    private final String prefix;
    private final RedisKeySpace owned;

    private RedisSessionStore(Redis redis, String prefix, RedisKeySpace owned) {
        this.redis = redis;
        this.prefix = prefix;
        this.owned = owned;
    }

    /**
     * Connects to {@code settings}. With a {@code sharedPrefix} the keys belong to whoever chose it (a
     * {@link ServiceFleet}); without one this store makes a fresh {@code perflab:scaling:<hex>:} and
     * deletes its keys on {@link #close()}.
     */
    static RedisSessionStore open(RedisSettings settings, String sharedPrefix, int maxConnections) {
        Redis redis = RedisChooser.builder().settings(Optional.of(settings)).maxConnections(maxConnections).build()
                .choose();
        if (sharedPrefix != null) {
            return new RedisSessionStore(redis, sharedPrefix, null);
        }
        RedisKeySpace keys = redis.keySpace("scaling");
        return new RedisSessionStore(redis, keys.prefix(), keys);
    }

    private String key(String id) {
        return prefix + "session:" + id;
    }

    @Override
    public void create(String id, String user) {
        String key = key(id);
        redis.call("HSET of " + key, jedis -> {
            jedis.hset(key, Map.of("user", user, "count", "0"));
            return jedis.expire(key, EXPIRE_SECONDS);
        });
    }

    @Override
    public Optional<Session> get(String id) {
        String key = key(id);
        Map<String, String> fields = redis.call("HGETALL of " + key, jedis -> jedis.hgetAll(key));
        return fields.isEmpty() ? Optional.empty()
                : Optional.of(new Session(fields.get("user"), Long.parseLong(fields.get("count"))));
    }

    @Override
    public Optional<Session> increment(String id) {
        String key = key(id);
        Object reply = redis.call("increment of " + key, jedis -> jedis.eval(INCREMENT_IF_EXISTS, List.of(key),
                List.of(Integer.toString(EXPIRE_SECONDS))));
        if (!(reply instanceof List<?> values) || values.size() != 2) {
            return Optional.empty();
        }
        return Optional.of(new Session(String.valueOf(values.get(0)), Long.parseLong(String.valueOf(values.get(1)))));
    }

    @Override
    public boolean delete(String id) {
        String key = key(id);
        return redis.call("DEL of " + key, jedis -> jedis.del(key)) > 0;
    }

    @Override
    public String problem() {
        try {
            String pong = redis.call("PING", jedis -> jedis.ping());
            return "PONG".equals(pong) ? null : "Redis answered PING with " + pong;
        } catch (RuntimeException e) {
            return "Redis unreachable: " + e.getMessage();
        }
    }

    @Override
    public String describe() {
        return "redis " + redis.location() + " under " + prefix;
    }

    @Override
    public void close() {
        try {
            if (owned != null) {
                owned.close();
            }
        } finally {
            redis.close();
        }
    }
}
