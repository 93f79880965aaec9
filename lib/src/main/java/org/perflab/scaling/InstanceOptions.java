package org.perflab.scaling;

import org.perflab.cache.RedisSettings;
import org.perflab.db.JdbcSettings;

import org.perflab.check.Require;

import java.time.Duration;
import java.util.Map;

/**
 * What one {@link ServiceInstance} is told on its command line, checked in one place for both sides:
 * {@link ServiceFleet} builds it with {@link #builder}, {@link InstanceCommandLine} writes and reads it. Connection settings that may carry a password (the JDBC URL and password, the
 * Redis URL) travel in the environment instead, where {@code ps} does not show them.
 *
 * @param adminPort     port of a second listener that serves only /health and /stats on its own thread, so
 *                      they answer while every worker is busy; -1 for none, 0 for any free port
 * @param parentPid     the process whose end makes the instance exit; 0 for the process that started it
 * @param database      whether to open a pool on the database for {@code db_ms}
 * @param jdbcUrl       null to read {@value JdbcSettings#URL_ENV}
 * @param jdbcUser      null to read {@value JdbcSettings#USER_ENV}
 * @param poolSize      connections in the instance's pool; 0 for one per worker
 * @param poolTimeout   how long a request waits for a pooled connection; at least HikariCP's floor of 250 ms
 * @param redisUrl      null to read {@value RedisSettings#URL_ENV}
 * @param redisPrefix   key prefix shared by a fleet's instances; null for a fresh one owned (and
 *                      deleted on close) by this instance
 */
record InstanceOptions(String name, String host, int port, int adminPort, int workers, long parentPid, boolean database,
                       String jdbcUrl, String jdbcUser, int poolSize, Duration poolTimeout, SessionMode sessions,
                       String redisUrl, String redisPrefix) {

    static final int MAX_WORKERS = 1_000;
    static final int MAX_POOL_SIZE = 1_000;
    static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(10);
    /** HikariCP's floor for its connection timeout. */
    static final Duration MIN_POOL_TIMEOUT = Duration.ofMillis(250);
    static final String REDIS_PREFIX_ROOT = "perflab:scaling:";

    InstanceOptions {
        Require.that(name != null && name.matches("[A-Za-z0-9._-]{1,40}"), "name", "'" + name + "'",
                "1 to 40 letters, digits, '.', '_' or '-'", "name instances like instance-1");
        Require.notBlank("host", host, "give an address to listen on, such as 127.0.0.1");
        Require.between("port", port, 0, 65_535, "use 0 for any free port");
        Require.between("adminPort", adminPort, -1, 65_535, "use -1 for no admin listener, 0 for any free port");
        Require.between("workers", workers, 1, MAX_WORKERS, "give each instance a few worker threads");
        Require.between("poolSize", poolSize, 0, MAX_POOL_SIZE, "use 0 for one connection per worker");
        Require.atLeast("parentPid", parentPid, 0, "give a process id, or 0 for the process that starts it");
        Require.between("poolTimeout", poolTimeout, MIN_POOL_TIMEOUT, Duration.ofHours(1),
                "HikariCP refuses less than 250 ms; 10 s is the default");
        Require.notNull("sessions", sessions, "choose SessionMode.MEMORY or SessionMode.REDIS");
        Require.that(redisPrefix == null || (redisPrefix.startsWith(REDIS_PREFIX_ROOT) && redisPrefix.endsWith(":")
                        && redisPrefix.matches("[A-Za-z0-9:_-]+")), "redisPrefix", "'" + redisPrefix + "'",
                "like " + REDIS_PREFIX_ROOT + "<id>: (letters, digits, '_', '-')",
                "leave it unset for a fresh prefix, or pass the fleet's RedisKeySpace prefix");
    }

    /** Options for an instance called {@code name} on {@code port} with {@code workers} threads; the rest defaulted. */
    static Builder builder(String name, int port, int workers) {
        return new Builder(name, port, workers);
    }

    /** A builder holding these options, to change some of them. */
    Builder toBuilder() {
        Builder builder = new Builder(name, port, workers);
        builder.host = host;
        builder.adminPort = adminPort;
        builder.parentPid = parentPid;
        builder.database = database;
        builder.jdbcUrl = jdbcUrl;
        builder.jdbcUser = jdbcUser;
        builder.poolSize = poolSize;
        builder.poolTimeout = poolTimeout;
        builder.sessions = sessions;
        builder.redisUrl = redisUrl;
        builder.redisPrefix = redisPrefix;
        return builder;
    }

    /** Connections in the pool: as configured, or one per worker so no worker ever waits for one. */
    int effectivePoolSize() {
        return poolSize == 0 ? workers : poolSize;
    }

    /** The database to connect to: the arguments, else the environment; fails naming both when neither has a URL. */
    JdbcSettings jdbcSettings(Map<String, String> env) {
        String url = jdbcUrl != null ? jdbcUrl : blankToNull(env.get(JdbcSettings.URL_ENV));
        if (url == null) {
            throw new IllegalArgumentException("--db needs a database: pass --jdbc-url or set "
                    + JdbcSettings.URL_ENV + " (for example jdbc:postgresql://127.0.0.1:5432/test)");
        }
        String user = jdbcUser != null ? jdbcUser : blankToNull(env.get(JdbcSettings.USER_ENV));
        return new JdbcSettings(url, user, blankToNull(env.get(JdbcSettings.PASSWORD_ENV)));
    }

    /** The Redis to keep sessions in: the argument, else the environment. */
    RedisSettings redisSettings(Map<String, String> env) {
        String url = redisUrl != null ? redisUrl : blankToNull(env.get(RedisSettings.URL_ENV));
        if (url == null) {
            throw new IllegalArgumentException("--sessions redis needs a Redis: pass --redis-url or set "
                    + RedisSettings.URL_ENV + " (for example redis://127.0.0.1:6379)");
        }
        return new RedisSettings(url);
    }

    InstanceOptions withPorts(int newPort, int newAdminPort) {
        return toBuilder().port(newPort).adminPort(newAdminPort).build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Defaults: listens on 127.0.0.1, no admin port, watches the process that starts it, no database, a pool of
     * one connection per worker waiting at most {@link #DEFAULT_POOL_TIMEOUT}, sessions in memory, URLs from the
     * environment, a fresh Redis prefix. Checked when built.
     */
    static final class Builder {
        private String name;
        private int port;
        private int workers;
        private String host = "127.0.0.1";
        private int adminPort = -1;
        private long parentPid;
        private boolean database;
        private String jdbcUrl;
        private String jdbcUser;
        private int poolSize;
        private Duration poolTimeout = DEFAULT_POOL_TIMEOUT;
        private SessionMode sessions = SessionMode.MEMORY;
        private String redisUrl;
        private String redisPrefix;

        private Builder(String name, int port, int workers) {
            this.name = name;
            this.port = port;
            this.workers = workers;
        }

        Builder name(String name) {
            this.name = name;
            return this;
        }

        Builder port(int port) {
            this.port = port;
            return this;
        }

        Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        Builder host(String host) {
            this.host = host;
            return this;
        }

        Builder adminPort(int adminPort) {
            this.adminPort = adminPort;
            return this;
        }

        Builder parentPid(long parentPid) {
            this.parentPid = parentPid;
            return this;
        }

        Builder database(boolean database) {
            this.database = database;
            return this;
        }

        Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        Builder jdbcUser(String jdbcUser) {
            this.jdbcUser = jdbcUser;
            return this;
        }

        Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        Builder poolTimeout(Duration poolTimeout) {
            this.poolTimeout = poolTimeout;
            return this;
        }

        Builder sessions(SessionMode sessions) {
            this.sessions = sessions;
            return this;
        }

        Builder redisUrl(String redisUrl) {
            this.redisUrl = redisUrl;
            return this;
        }

        Builder redisPrefix(String redisPrefix) {
            this.redisPrefix = redisPrefix;
            return this;
        }

        InstanceOptions build() {
            return new InstanceOptions(name, host, port, adminPort, workers, parentPid, database, jdbcUrl, jdbcUser,
                    poolSize, poolTimeout, sessions, redisUrl, redisPrefix);
        }
    }
}
