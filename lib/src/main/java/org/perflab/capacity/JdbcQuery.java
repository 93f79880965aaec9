package org.perflab.capacity;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.perflab.check.Require;
import org.perflab.db.JdbcSettings;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A query against a database as a {@link ServiceTarget}: every call borrows a connection from a HikariCP pool of
 * {@link Builder#connections}, runs the query, reads every row, and gives the connection back. An
 * {@link SQLException} (or no free connection within the timeout) throws {@link ServiceCallFailedException}.
 *
 * <p>The pool is the client side's limit, as it is in an application: a sweep past
 * {@code connections / query time} measures requests waiting for a connection, which is what the application would
 * see too. The pool is filled before the first call, so connecting is not part of the first step's latency.
 */
public final class JdbcQuery implements ServiceTarget {

    public static final int DEFAULT_CONNECTIONS = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private final String query;
    private final String safeUrl;
    private final int connections;
    private final HikariDataSource pool;

    private JdbcQuery(Builder builder) {
        this.query = builder.query;
        this.safeUrl = new JdbcSettings(builder.url, builder.user, builder.password).urlWithoutPassword();
        this.connections = builder.connections;
        HikariConfig config = new HikariConfig();
        config.setPoolName("perflab-capacity");
        config.setJdbcUrl(builder.url);
        config.setUsername(builder.user);
        config.setPassword(builder.password);
        config.setMaximumPoolSize(connections);
        config.setMinimumIdle(connections);
        config.setConnectionTimeout(builder.connectionTimeout.toMillis());
        // Fail at build() with the driver's reason, not at the first request of the sweep.
        config.setInitializationFailTimeout(builder.connectionTimeout.toMillis());
        this.pool = new HikariDataSource(config);
    }

    /** {@code query} against {@code jdbcUrl}. */
    public static Builder builder(String jdbcUrl, String query) {
        return new Builder(jdbcUrl, query);
    }

    @Override
    public void call() throws ServiceCallFailedException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            if (statement.execute(query)) {
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        // Reading every row is part of the request: a client that fetches them pays for them.
                    }
                }
            }
        } catch (SQLException e) {
            throw new ServiceCallFailedException("query failed on " + safeUrl + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "the query \"%s\" on %s through a pool of %d connections", query, safeUrl, connections);
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** The host a JDBC URL connects to, or {@code null} for an in-process database such as {@code jdbc:h2:mem:}. */
    static String hostOf(String jdbcUrl) {
        int slashes = jdbcUrl.indexOf("//");
        if (slashes < 0) {
            return null;
        }
        String rest = jdbcUrl.substring(slashes + 2);
        if (rest.startsWith("[")) {
            return rest.substring(0, rest.indexOf(']') + 1);
        }
        int end = 0;
        while (end < rest.length() && ":/;?,".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        return rest.substring(0, end);
    }

    /** Configures a {@link JdbcQuery}: no user or password, 10 connections, a 5 s connection timeout, loopback only. */
    public static final class Builder {
        private final String url;
        private final String query;
        private String user;
        private String password;
        private int connections = DEFAULT_CONNECTIONS;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private List<String> allowedHosts = List.of();

        private Builder(String url, String query) {
            this.url = Require.notBlank("jdbcUrl", url, "give a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/test");
            Require.that(url.startsWith("jdbc:"), "jdbcUrl", url, "a URL starting with jdbc:",
                    "write it as jdbc:<driver>://host:port/database");
            this.query = Require.notBlank("query", query, "give the SQL each request runs, e.g. SELECT 1");
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Connections in the client's pool: at most this many queries run at once. Default 10. */
        public Builder connections(int connections) {
            this.connections = Require.between("connections", connections, 1, 500, "use 1 to 500 connections");
            return this;
        }

        /** The longest wait for a connection, at start and for each request. Default 5 s. */
        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = Require.between("connectionTimeout", connectionTimeout, Duration.ofMillis(250),
                    Duration.ofMinutes(1), "wait 250 ms to 1 min for a connection (HikariCP's minimum is 250 ms)");
            return this;
        }

        /** Database hosts other than loopback this query may run on, exactly as written in the URL. Default none. */
        public Builder allowedHosts(List<String> allowedHosts) {
            this.allowedHosts = List.copyOf(Require.notNull("allowedHosts", allowedHosts, "give List.of() for loopback only"));
            return this;
        }

        /**
         * Opens the pool.
         *
         * @throws IllegalArgumentException if the URL's host is neither loopback nor in {@link #allowedHosts}
         */
        public JdbcQuery build() {
            String host = hostOf(url);
            if (host != null) {
                AllowedHosts.check(host, allowedHosts);
            }
            return new JdbcQuery(this);
        }
    }
}
