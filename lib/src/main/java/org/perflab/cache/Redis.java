package org.perflab.cache;

import org.perflab.env.Environment;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Redis an experiment got, and which one it is: backend, server version, standalone or cluster,
 * where it runs, and a Jedis client ({@link #client()}: a {@code RedisClient}, or a
 * {@code RedisClusterClient} for a cluster). Print {@link #describe()} beside the database's line,
 * so every number can be read against the right servers.
 *
 * <p>Get one with {@link #connect()} (the order is documented on {@link RedisChooser}). When no
 * Redis is found the result is still a {@code Redis}, with {@link #isAvailable()} false and notes
 * saying why: experiments check it and print a visible "skipped" line instead of faking a cache.
 *
 * <p>Every wait is bounded ({@link RedisChooser#DEFAULT_TIMEOUT} by default). Commands sent
 * through {@link #call} turn a lost connection into a {@link RedisUnavailableException} that names
 * the server and the fix; a server stopped in the middle of an experiment fails it within seconds.
 */
public final class Redis implements AutoCloseable {

    private final RedisBackend backend;
    private final String serverVersion;
    private final String location;
    private final String url;
    private final boolean cluster;
    private final int timeoutMs;
    private final List<String> notes;
    private final UnifiedJedis client;
    private final AutoCloseable onClose;
    private boolean closed;

    private Redis(RedisBackend backend, String serverVersion, String location, String url, boolean cluster,
                  int timeoutMs, List<String> notes, UnifiedJedis client, AutoCloseable onClose) {
        this.backend = backend;
        this.serverVersion = serverVersion;
        this.location = location;
        this.url = RedisSettings.withoutPassword(url);
        this.cluster = cluster;
        this.timeoutMs = timeoutMs;
        this.notes = List.copyOf(notes);
        this.client = client;
        this.onClose = onClose;
        Environment.registerBackend("redis", describe());
    }

    /** The first Redis that works, in {@link RedisChooser}'s order, with default settings. */
    public static Redis connect() {
        return RedisChooser.builder().build().choose();
    }

    static Redis opened(RedisBackend backend, String location, String url, RedisClients.Opened opened, int timeoutMs,
                        List<String> notes, AutoCloseable onClose) {
        return new Redis(backend, opened.serverVersion(), location, url, opened.cluster(), timeoutMs, notes,
                opened.client(), onClose);
    }

    static Redis none(List<String> notes) {
        return new Redis(RedisBackend.NONE, null, "nowhere", "(none)", false, 0, notes, null, () -> { });
    }

    /** False when no Redis was found; the Redis parts of an experiment are then skipped. */
    public boolean isAvailable() {
        return client != null;
    }

    public RedisBackend backend() {
        return backend;
    }

    /** As the server reports it ({@code redis_version}), e.g. "7.0.15"; null when none. */
    public String serverVersion() {
        return serverVersion;
    }

    /** "127.0.0.1:6379", "child process on 127.0.0.1:41234", "nowhere". */
    public String location() {
        return location;
    }

    /** The URL with any password masked. */
    public String url() {
        return url;
    }

    /** True when the server runs in cluster mode and {@link #client()} is a cluster client. */
    public boolean isCluster() {
        return cluster;
    }

    /** Connect, reply and pool-borrow timeout of the client. */
    public Duration timeout() {
        return Duration.ofMillis(timeoutMs);
    }

    /** Caveats and the reasons earlier backends were skipped, in order. */
    public List<String> notes() {
        return notes;
    }

    /**
     * The Jedis client, shared by everything that uses this Redis (it pools its connections). Prefer
     * {@link #call} in experiments: it turns a lost server into a clear error.
     *
     * @throws RedisUnavailableException when no Redis was found, with the reasons
     */
    public UnifiedJedis client() {
        if (client == null) {
            throw new RedisUnavailableException("No Redis is available: " + String.join("; ", notes));
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("this Redis was closed; connect again with Redis.connect()");
            }
        }
        return client;
    }

    /**
     * Runs one command (or several) with the client. A connection that fails or times out becomes a
     * {@link RedisUnavailableException} naming the server, the operation, the time waited and the
     * fix; Redis's own errors (a wrong type, a script error) pass through unchanged.
     *
     * @param what what the command does, for the message: "GET of perflab:...", "pipelined SETs"
     */
    public <T> T call(String what, Function<UnifiedJedis, T> command) {
        UnifiedJedis jedis = client();
        long startNanos = System.nanoTime();
        try {
            return command.apply(jedis);
        } catch (JedisConnectionException | JedisClusterOperationException e) {
            throw lost(what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), e);
        }
    }

    RedisUnavailableException lost(String what, long elapsedMs, RuntimeException cause) {
        String fix = backend == RedisBackend.CONFIGURED_URL
                ? "Is redis-server still running there? Start it (for example: redis-server --port 6379), or fix "
                + RedisSettings.URL_ENV + " (unset it to let PerfLab find another Redis or skip the Redis parts)."
                : "The " + backend.label() + " this notebook started has stopped; run the cell that connects again.";
        return new RedisUnavailableException("Redis at " + location + " (" + backend.label() + ") failed during "
                + what + " after " + elapsedMs + " ms (timeout " + timeoutMs + " ms): " + cause.getMessage() + ". "
                + fix, cause);
    }

    /** A fresh key space {@code perflab:<experiment>:<random hex>:}; close it to delete its keys. */
    public RedisKeySpace keySpace(String experiment) {
        return keySpace(experiment, new SecureRandom());
    }

    /** As {@link #keySpace(String)}, with the suffix drawn from {@code random} (tests pass a seeded one). */
    public RedisKeySpace keySpace(String experiment, Random random) {
        return new RedisKeySpace(this, RedisKeySpace.prefixFor(experiment, random));
    }

    /**
     * One line for a notebook's first output, e.g. {@code "redis: Redis 7.0.15 standalone (configured
     * URL) at 127.0.0.1:6379, redis://127.0.0.1:6379"}, or {@code "redis: none; ..."} with the reasons.
     */
    public String describe() {
        StringBuilder line = new StringBuilder("redis: ");
        if (client == null) {
            line.append("none");
        } else {
            line.append("Redis ").append(serverVersion).append(cluster ? " cluster" : " standalone")
                    .append(" (").append(backend.label()).append(") at ").append(location).append(", ").append(url);
        }
        for (String note : notes) {
            line.append("; ").append(note);
        }
        return line.toString();
    }

    /** Closes the client and stops what this library started (container, redis-server); idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (client != null) {
                client.close();
            }
            onClose.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop " + backend.label() + " at " + location + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
