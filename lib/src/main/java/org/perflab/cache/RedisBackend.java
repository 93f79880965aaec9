package org.perflab.cache;

/** Where an experiment's Redis came from, in the order {@link RedisChooser} tries them. */
public enum RedisBackend {
    /** The URL the user configured ({@code PERFLAB_REDIS_URL} or {@code -Dperflab.redis.url}). */
    CONFIGURED_URL("configured URL"),
    /** A throwaway Redis container started by Testcontainers (needs a Docker engine). */
    TESTCONTAINERS("Testcontainers Redis"),
    /** A real redis-server binary shipped as a Maven jar (embedded-redis), run by {@link EmbeddedRedisServer}. */
    EMBEDDED_SERVER("embedded redis-server"),
    /** No Redis could be found: the Redis parts of an experiment are skipped, with a note. */
    NONE("none");

    private final String label;

    RedisBackend(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
