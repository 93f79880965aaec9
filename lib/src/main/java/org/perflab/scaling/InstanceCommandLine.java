package org.perflab.scaling;

import org.perflab.cache.RedisSettings;
import org.perflab.check.Require;
import org.perflab.db.JdbcSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line of a {@link ServiceInstance}: {@link ServiceFleet} writes {@link InstanceOptions} with
 * {@link #toArguments}, the instance's {@code main} reads them back with {@link #parse}. Connection settings that
 * may carry a password (the JDBC URL and password, the Redis URL) are never written: they travel in the
 * environment, where {@code ps} does not show them.
 */
final class InstanceCommandLine {

    static final String USAGE = "usage: java -cp <perflab-lib class path> " + ServiceInstance.class.getName()
            + " --name <name> --port <port> --workers <n> [--host 127.0.0.1] [--admin-port <port>] [--parent-pid <pid>]"
            + " [--db [--jdbc-url <url>] [--jdbc-user <user>] [--pool-size <n>] [--pool-timeout-ms <ms>]]"
            + " [--sessions memory|redis [--redis-url <url>] [--redis-prefix perflab:scaling:<id>:]]"
            + "; the JDBC URL and user default to " + JdbcSettings.URL_ENV + " and " + JdbcSettings.USER_ENV
            + ", the password comes from " + JdbcSettings.PASSWORD_ENV + ", the Redis URL defaults to "
            + RedisSettings.URL_ENV;

    private InstanceCommandLine() {
    }

    /** Reads {@code --option value} pairs; unknown options and missing values fail with the usage line. */
    static InstanceOptions parse(String[] args) {
        boolean named = false;
        boolean hasPort = false;
        boolean hasWorkers = false;
        InstanceOptions.Builder options = InstanceOptions.builder(null, 0, 0);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--db")) {
                options.database(true);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--name" -> {
                    options.name(value);
                    named = true;
                }
                case "--host" -> options.host(value);
                case "--port" -> {
                    options.port(number(option, value));
                    hasPort = true;
                }
                case "--admin-port" -> options.adminPort(number(option, value));
                case "--workers" -> {
                    options.workers(number(option, value));
                    hasWorkers = true;
                }
                case "--parent-pid" -> options.parentPid(longNumber(option, value));
                case "--jdbc-url" -> options.jdbcUrl(value);
                case "--jdbc-user" -> options.jdbcUser(value);
                case "--pool-size" -> options.poolSize(number(option, value));
                case "--pool-timeout-ms" -> options.poolTimeout(Duration.ofMillis(longNumber(option, value)));
                case "--sessions" -> options.sessions(sessionMode(value));
                case "--redis-url" -> options.redisUrl(value);
                case "--redis-prefix" -> options.redisPrefix(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (!named || !hasPort || !hasWorkers) {
            throw new IllegalArgumentException("--name, --port and --workers are required");
        }
        return options.build();
    }

    /** The command-line arguments that {@link #parse} turns back into {@code options}, without the URLs. */
    static List<String> toArguments(InstanceOptions options) {
        List<String> args = new ArrayList<>(List.of("--name", options.name(), "--host", options.host(),
                "--port", Integer.toString(options.port()), "--admin-port", Integer.toString(options.adminPort()),
                "--workers", Integer.toString(options.workers()), "--parent-pid", Long.toString(options.parentPid()),
                "--pool-size", Integer.toString(options.poolSize()),
                "--pool-timeout-ms", Long.toString(options.poolTimeout().toMillis()),
                "--sessions", options.sessions().name().toLowerCase(Locale.ROOT)));
        if (options.database()) {
            args.add("--db");
        }
        if (options.jdbcUser() != null) {
            args.addAll(List.of("--jdbc-user", options.jdbcUser()));
        }
        Optional.ofNullable(options.redisPrefix()).ifPresent(prefix -> args.addAll(List.of("--redis-prefix", prefix)));
        return args;
    }

    private static int number(String option, String value) {
        long parsed = longNumber(option, value);
        if (parsed > Integer.MAX_VALUE) {
            throw Require.invalid(option, "'" + value + "'", "a whole number up to " + Integer.MAX_VALUE, "write digits only");
        }
        return (int) parsed;
    }

    private static long longNumber(String option, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw Require.invalid(option, "'" + value + "'", "a whole number", "write digits only");
        }
    }

    private static SessionMode sessionMode(String value) {
        try {
            return SessionMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Require.invalid("--sessions", "'" + value + "'", "memory or redis", "pick one of the two");
        }
    }
}
