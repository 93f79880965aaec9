package org.perflab.scaling;

import org.perflab.cache.RedisSettings;
import org.perflab.db.JdbcSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one {@link ServiceInstance} is told on its command line, parsed and checked in one place for
 * both sides: the instance reads it with {@link #parse}, {@link ServiceFleet} writes it with
 * {@link #toArguments}. Connection settings that may carry a password (the JDBC URL and password, the
 * Redis URL) travel in the environment instead, where {@code ps} does not show them.
 *
 * @param adminPort     port of a second listener that serves only /health and /stats on its own thread, so
 *                      they answer while every worker is busy; -1 for none, 0 for any free port
 * @param parentPid     the process whose end makes the instance exit; 0 for the process that started it
 * @param database      whether to open a pool on the database for {@code db_ms}
 * @param jdbcUrl       null to read {@value JdbcSettings#URL_ENV}
 * @param jdbcUser      null to read {@value JdbcSettings#USER_ENV}
 * @param poolSize      connections in the instance's pool; 0 for one per worker
 * @param redisUrl      null to read {@value RedisSettings#URL_ENV}
 * @param redisPrefix   key prefix shared by a fleet's instances; null for a fresh one owned (and
 *                      deleted on close) by this instance
 */
record InstanceOptions(String name, String host, int port, int adminPort, int workers, long parentPid, boolean database,
                       String jdbcUrl, String jdbcUser, int poolSize, long poolTimeoutMs, SessionMode sessions,
                       String redisUrl, String redisPrefix) {

    static final int MAX_WORKERS = 1_000;
    static final int MAX_POOL_SIZE = 1_000;
    static final long DEFAULT_POOL_TIMEOUT_MS = 10_000;
    static final String REDIS_PREFIX_ROOT = "perflab:scaling:";

    static final String USAGE = "usage: java -cp <perflab-lib class path> " + ServiceInstance.class.getName()
            + " --name <name> --port <port> --workers <n> [--host 127.0.0.1] [--admin-port <port>] [--parent-pid <pid>]"
            + " [--db [--jdbc-url <url>] [--jdbc-user <user>] [--pool-size <n>] [--pool-timeout-ms <ms>]]"
            + " [--sessions memory|redis [--redis-url <url>] [--redis-prefix perflab:scaling:<id>:]]"
            + "; the JDBC URL and user default to " + JdbcSettings.URL_ENV + " and " + JdbcSettings.USER_ENV
            + ", the password comes from " + JdbcSettings.PASSWORD_ENV + ", the Redis URL defaults to "
            + RedisSettings.URL_ENV;

    InstanceOptions {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,40}")) {
            throw new IllegalArgumentException("name must be 1 to 40 letters, digits, '.', '_' or '-', got '"
                    + name + "'");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be an address to listen on, such as 127.0.0.1");
        }
        between("port", port, 0, 65_535);
        between("adminPort", adminPort, -1, 65_535);
        between("workers", workers, 1, MAX_WORKERS);
        between("poolSize", poolSize, 0, MAX_POOL_SIZE);
        if (parentPid < 0) {
            throw new IllegalArgumentException("parentPid must be a process id or 0, got " + parentPid);
        }
        if (poolTimeoutMs < 250) {
            throw new IllegalArgumentException("poolTimeoutMs must be at least 250 (HikariCP's floor), got "
                    + poolTimeoutMs);
        }
        if (sessions == null) {
            throw new IllegalArgumentException("sessions must be memory or redis");
        }
        if (redisPrefix != null && !(redisPrefix.startsWith(REDIS_PREFIX_ROOT) && redisPrefix.endsWith(":")
                && redisPrefix.matches("[A-Za-z0-9:_-]+"))) {
            throw new IllegalArgumentException("redisPrefix must look like " + REDIS_PREFIX_ROOT + "<id>: (letters,"
                    + " digits, '_', '-'), got '" + redisPrefix + "'");
        }
    }

    /** {@code value} if {@code min <= value <= max}, else an exception naming the property, the limits and the value. */
    static int between(String property, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(property + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
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

    /** Reads {@code --option value} pairs; unknown options and missing values fail with the usage line. */
    static InstanceOptions parse(String[] args) {
        String name = null;
        String host = "127.0.0.1";
        Integer port = null;
        int adminPort = -1;
        Integer workers = null;
        long parentPid = 0;
        boolean database = false;
        String jdbcUrl = null;
        String jdbcUser = null;
        int poolSize = 0;
        long poolTimeoutMs = DEFAULT_POOL_TIMEOUT_MS;
        SessionMode sessions = SessionMode.MEMORY;
        String redisUrl = null;
        String redisPrefix = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--db")) {
                database = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--name" -> name = value;
                case "--host" -> host = value;
                case "--port" -> port = number(option, value);
                case "--admin-port" -> adminPort = number(option, value);
                case "--workers" -> workers = number(option, value);
                case "--parent-pid" -> parentPid = longNumber(option, value);
                case "--jdbc-url" -> jdbcUrl = value;
                case "--jdbc-user" -> jdbcUser = value;
                case "--pool-size" -> poolSize = number(option, value);
                case "--pool-timeout-ms" -> poolTimeoutMs = longNumber(option, value);
                case "--sessions" -> sessions = sessionMode(value);
                case "--redis-url" -> redisUrl = value;
                case "--redis-prefix" -> redisPrefix = value;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (name == null || port == null || workers == null) {
            throw new IllegalArgumentException("--name, --port and --workers are required");
        }
        return new InstanceOptions(name, host, port, adminPort, workers, parentPid, database, jdbcUrl, jdbcUser, poolSize,
                poolTimeoutMs, sessions, redisUrl, redisPrefix);
    }

    /** The command-line arguments that {@link #parse} turns back into these options, without the URLs. */
    List<String> toArguments() {
        List<String> args = new ArrayList<>(List.of("--name", name, "--host", host, "--port", Integer.toString(port),
                "--admin-port", Integer.toString(adminPort),
                "--workers", Integer.toString(workers), "--parent-pid", Long.toString(parentPid),
                "--pool-size", Integer.toString(poolSize), "--pool-timeout-ms", Long.toString(poolTimeoutMs),
                "--sessions", sessions.name().toLowerCase(Locale.ROOT)));
        if (database) {
            args.add("--db");
        }
        if (jdbcUser != null) {
            args.addAll(List.of("--jdbc-user", jdbcUser));
        }
        Optional.ofNullable(redisPrefix).ifPresent(prefix -> args.addAll(List.of("--redis-prefix", prefix)));
        return args;
    }

    InstanceOptions withPorts(int newPort, int newAdminPort) {
        return new InstanceOptions(name, host, newPort, newAdminPort, workers, parentPid, database, jdbcUrl, jdbcUser, poolSize,
                poolTimeoutMs, sessions, redisUrl, redisPrefix);
    }

    private static int number(String option, String value) {
        long parsed = longNumber(option, value);
        if (parsed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + value + "'");
        }
        return (int) parsed;
    }

    private static long longNumber(String option, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + value + "'");
        }
    }

    private static SessionMode sessionMode(String value) {
        try {
            return SessionMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--sessions must be memory or redis, got '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
