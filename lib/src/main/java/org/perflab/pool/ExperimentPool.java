package org.perflab.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.perflab.check.Require;
import org.perflab.db.Database;
import org.perflab.db.Schema;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * A HikariCP pool for one experiment, over a {@link Database}'s data source (so it inherits that
 * database's connect timeouts and application name) or another connection source such as
 * {@link PgBouncer}, optionally with a {@link Schema} made current once per physical connection.
 *
 * <p>Surprises: HikariCP opens {@code minimumIdle} connections in the background right after
 * start, so the first borrows may still pay a connect ({@link #awaitFilled} waits for them);
 * {@link Builder#maximumPoolSize} above the server's {@code max_connections} fails with
 * PostgreSQL's "too many clients", not with a pool error.
 */
public final class ExperimentPool implements AutoCloseable {

    /** HikariCP's own floor for connectionTimeout; it silently raises anything lower, so we reject it. */
    public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);
    /** Longer than any experiment waits for a connection; HikariCP itself takes up to Integer.MAX_VALUE ms. */
    public static final Duration MAX_CONNECTION_TIMEOUT = Duration.ofHours(1);
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAXIMUM_POOL_SIZE = 10;

    private final String name;
    private final int maximumPoolSize;
    private final Duration connectionTimeout;
    private final int minimumIdle;
    private final HikariDataSource dataSource;

    private ExperimentPool(Builder builder) {
        this.name = builder.name;
        this.maximumPoolSize = builder.maximumPoolSize;
        this.connectionTimeout = builder.connectionTimeout;
        this.minimumIdle = builder.minimumIdle < 0 ? builder.maximumPoolSize : builder.minimumIdle;
        HikariConfig config = new HikariConfig();
        config.setPoolName(builder.name);
        config.setDataSource(builder.connectionSource != null ? builder.connectionSource
                : builder.database.dataSource());
        config.setMaximumPoolSize(builder.maximumPoolSize);
        config.setMinimumIdle(minimumIdle);
        config.setConnectionTimeout(builder.connectionTimeout.toMillis());
        if (builder.schemaName != null) {
            config.setSchema(builder.schemaName);
        }
        this.dataSource = new HikariDataSource(config);
    }

    public static Builder builder(Database database) {
        return new Builder(database);
    }

    /**
     * A pool of {@code size} connections that borrowers wait for at most {@code connectionTimeout}, with
     * {@code schema} current on every connection ({@code null}: the database's default schema). The experiments of
     * this package open one per run this way.
     */
    static ExperimentPool open(Database database, Schema schema, String name, int size, Duration connectionTimeout) {
        Builder builder = builder(database).name(name).maximumPoolSize(size).connectionTimeout(connectionTimeout);
        return (schema == null ? builder : builder.schema(schema)).build();
    }

    public String name() {
        return name;
    }

    public int maximumPoolSize() {
        return maximumPoolSize;
    }

    /** How long {@code getConnection()} waits for a free connection before it fails. */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** The pooled data source; {@code close()} on its connections returns them to the pool. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Waits until HikariCP has opened its {@code minimumIdle} connections in the background, so a
     * measurement that starts now does not pay for connects. Throws {@link IllegalStateException}
     * with the pool's numbers if they are not open within {@code timeout}.
     */
    public ExperimentPool awaitFilled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (snapshot().total() < minimumIdle) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Pool " + name + " opened " + snapshot().total() + " of its "
                        + minimumIdle + " connections within " + timeout.toMillis() + " ms (" + snapshot().describe()
                        + "); is the server refusing connections?");
            }
            Thread.sleep(5);
        }
        return this;
    }

    /** Active, idle, waiting and total right now. */
    public PoolSnapshot snapshot() {
        return PoolSnapshot.of(dataSource.getHikariPoolMXBean());
    }

    /** Closes every connection and stops the pool's threads. */
    @Override
    public void close() {
        dataSource.close();
    }

    @Override
    public String toString() {
        return "ExperimentPool[" + name + ", max " + maximumPoolSize + ", timeout " + connectionTimeout.toMillis() + " ms, "
                + (dataSource.isClosed() ? "closed" : snapshot().describe()) + "]";
    }

    /** Defaults: 10 connections, all kept open, 2 s borrow timeout, name "perflab-pool". */
    public static final class Builder {
        private final Database database;
        private String name = "perflab-pool";
        private int maximumPoolSize = DEFAULT_MAXIMUM_POOL_SIZE;
        private int minimumIdle = -1;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private String schemaName;
        private DataSource connectionSource;

        private Builder(Database database) {
            this.database = java.util.Objects.requireNonNull(database, "database");
        }

        /** Shown in HikariCP's messages ("perflab-pool - Connection is not available ..."). */
        public Builder name(String name) {
            this.name = Require.notBlank("name", name, "name the pool, e.g. \"orders-pool\"");
            return this;
        }

        public Builder maximumPoolSize(int maximumPoolSize) {
            this.maximumPoolSize = Require.between("maximumPoolSize", maximumPoolSize, 1, 1_000,
                    "give the pool 1 to 1,000 connections; PostgreSQL's default max_connections is 100");
            return this;
        }

        /** Connections kept open when idle; defaults to maximumPoolSize (a fixed-size pool, HikariCP's advice). */
        public Builder minimumIdle(int minimumIdle) {
            this.minimumIdle = Require.atLeast("minimumIdle", minimumIdle, 0,
                    "give 0 to open connections only on demand, or leave it out for a fixed-size pool");
            return this;
        }

        /** How long {@code getConnection()} waits for a free connection before failing. */
        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = Require.between("connectionTimeout", connectionTimeout, MIN_CONNECTION_TIMEOUT,
                    MAX_CONNECTION_TIMEOUT, "give at least " + MIN_CONNECTION_TIMEOUT.toMillis()
                            + " ms, HikariCP's floor (it silently raises anything lower), e.g. Duration.ofSeconds(1)");
            return this;
        }

        /**
         * Opens the pool's connections from this data source instead of the database's own, e.g.
         * {@link PgBouncer#dataSource()} for an application pool in front of an external pooler. With
         * PgBouncer in transaction mode do not also set a {@link #schema}: a session setting made
         * on one server connection is not there on the next.
         */
        public Builder connectionSource(DataSource connectionSource) {
            this.connectionSource = java.util.Objects.requireNonNull(connectionSource, "connectionSource");
            return this;
        }

        /** Makes the schema current on every new physical connection. */
        public Builder schema(Schema schema) {
            this.schemaName = schema.name();
            return this;
        }

        public ExperimentPool build() {
            Require.that(minimumIdle <= maximumPoolSize, "minimumIdle", minimumIdle,
                    "<= maximumPoolSize (" + maximumPoolSize + ")", "lower minimumIdle or raise maximumPoolSize");
            return new ExperimentPool(this);
        }
    }
}
