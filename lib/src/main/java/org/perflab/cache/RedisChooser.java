package org.perflab.cache;

import org.perflab.check.Require;
import org.perflab.db.OptionalBackends;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Picks an experiment's Redis, first that works, the way {@link org.perflab.db.DatabaseChooser}
 * picks a database:
 * <ol>
 *   <li>the URL the user configured ({@link RedisSettings}); if it is set but fails, that is an error,
 *       not a reason to fall back, because the user asked for that server;</li>
 *   <li>a Testcontainers Redis, when its jar is on the class path and a Docker engine answers;</li>
 *   <li>a real redis-server from the embedded-redis jar, run on a free loopback port by
 *       {@link EmbeddedRedisServer} (as {@code nobody} when this process is root);</li>
 *   <li>none: {@link Redis#isAvailable()} is false and the notes say why, so the Redis parts of an
 *       experiment are skipped visibly. There is deliberately no mock Redis: an in-memory imitation
 *       answers in nanoseconds and would teach the wrong cost.</li>
 * </ol>
 */
public final class RedisChooser {

    /** Connect, reply and pool-borrow timeout: a stopped or wrong server fails within this. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** The shortest timeout: below it a healthy server on a loaded machine already fails. */
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    /** The longest timeout: a notebook should not wait longer than a minute for a server that is not there. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    /** Pooled connections per client: enough for the workbook's 32 concurrent threads to share. */
    public static final int DEFAULT_MAX_CONNECTIONS = 32;

    private final Optional<RedisSettings> settings;
    private final boolean tryTestcontainers;
    private final boolean tryEmbeddedServer;
    private final int timeoutMs;
    private final int maxConnections;

    private RedisChooser(Builder builder) {
        this.settings = builder.settings;
        this.tryTestcontainers = builder.tryTestcontainers;
        this.tryEmbeddedServer = builder.tryEmbeddedServer;
        this.timeoutMs = (int) builder.timeout.toMillis();
        this.maxConnections = builder.maxConnections;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first Redis that works; throws {@link RedisUnavailableException} for a failing configured URL. */
    public Redis choose() {
        if (settings.isPresent()) {
            return openConfigured(settings.get());
        }
        List<String> notes = new ArrayList<>();
        notes.add("no " + RedisSettings.URL_ENV + " set");
        if (tryTestcontainers) {
            Optional<Redis> container = testcontainers(notes);
            if (container.isPresent()) {
                return container.get();
            }
        } else {
            notes.add("Testcontainers skipped: disabled");
        }
        if (tryEmbeddedServer) {
            Optional<Redis> embedded = embeddedServer(notes);
            if (embedded.isPresent()) {
                return embedded.get();
            }
        } else {
            notes.add("embedded redis-server skipped: disabled");
        }
        notes.add("NOTE: no Redis, so the Redis parts are skipped; set " + RedisSettings.URL_ENV
                + "=redis://host:port to run them");
        return Redis.none(notes);
    }

    private Redis openConfigured(RedisSettings configured) {
        long startNanos = System.nanoTime();
        try {
            RedisClients.Opened opened = RedisClients.open(configured.uri(), timeoutMs, maxConnections);
            return Redis.opened(RedisBackend.CONFIGURED_URL, configured.location(), configured.url(), opened, timeoutMs,
                    List.of(), () -> { });
        } catch (RuntimeException e) {
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            throw new RedisUnavailableException("Could not connect to the configured Redis "
                    + RedisSettings.withoutPassword(configured.url()) + " after " + elapsedMs + " ms (timeout "
                    + timeoutMs + " ms): " + e.getMessage() + ". " + hintFor(e) + " The URL comes from "
                    + RedisSettings.URL_ENV + " (or -D" + RedisSettings.URL_PROPERTY + "); unset it to fall back to"
                    + " Testcontainers or an embedded redis-server.", e);
        }
    }

    private static String hintFor(RuntimeException e) {
        String message = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause());
        if (message.contains("NOAUTH") || message.contains("WRONGPASS") || message.contains("invalid password")) {
            return "The server wants other credentials: put them in the URL (redis://user:password@host:port).";
        }
        return "No Redis answered at that host and port: start one (for example: redis-server --port 6379), or"
                + " fix host and port in " + RedisSettings.URL_ENV + ".";
    }

    private Optional<Redis> testcontainers(List<String> notes) {
        return OptionalBackends.viaTestcontainers("org.testcontainers.containers.GenericContainer",
                "org.testcontainers:testcontainers", notes,
                () -> TestcontainersRedisBackend.start(timeoutMs, maxConnections, notes));
    }

    private Optional<Redis> embeddedServer(List<String> notes) {
        return OptionalBackends.ifOnClasspath("embedded redis-server", "redis.embedded.RedisServer",
                "com.github.codemonstur:embedded-redis", notes,
                () -> EmbeddedRedisBackend.start(timeoutMs, maxConnections, notes));
    }

    /** Opens a client on a server this library started, stopping the server if that fails. */
    static Redis openStarted(RedisBackend backend, String location, String url, int timeoutMs, int maxConnections,
                             List<String> notes, AutoCloseable stop) throws Exception {
        try {
            RedisClients.Opened opened = RedisClients.open(URI.create(url), timeoutMs, maxConnections);
            return Redis.opened(backend, location, url, opened, timeoutMs, notes, stop);
        } catch (RuntimeException e) {
            stop.close();
            throw e;
        }
    }

    /** Builder; defaults read the environment and try every backend. */
    public static final class Builder {
        private Optional<RedisSettings> settings = RedisSettings.fromEnvironment();
        private boolean tryTestcontainers = true;
        private boolean tryEmbeddedServer = true;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;

        private Builder() {
        }

        /** Overrides what the environment says (tests, or a notebook comparing two servers). */
        public Builder settings(Optional<RedisSettings> settings) {
            this.settings = java.util.Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder tryTestcontainers(boolean tryTestcontainers) {
            this.tryTestcontainers = tryTestcontainers;
            return this;
        }

        public Builder tryEmbeddedServer(boolean tryEmbeddedServer) {
            this.tryEmbeddedServer = tryEmbeddedServer;
            return this;
        }

        /** Connect, reply and pool-borrow timeout, 100 ms to 60 s. Default 2 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Require.between("timeout", timeout, MIN_TIMEOUT, MAX_TIMEOUT,
                    "give 100 ms to 60 s, e.g. Duration.ofSeconds(2)");
            return this;
        }

        /** Pooled connections of the client, 1 to 1024. Default 32. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = Require.between("maxConnections", maxConnections, 1, 1024,
                    "give the client's pool at least one connection, e.g. 32");
            return this;
        }

        public RedisChooser build() {
            return new RedisChooser(this);
        }
    }
}
