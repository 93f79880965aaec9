package org.perflab.pool;

import org.perflab.check.Require;
import org.perflab.db.Database;
import org.perflab.db.Schema;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings the open-loop pool experiments ({@link PoolSweep}, {@link PoolTimeline}) share: the database and
 * schema the requests run against, the request threads in front of the pool, how long a request waits for a
 * connection, and the seed of the Poisson arrivals. Each experiment's builder adds its own settings on top.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class PoolLoadBuilder<B extends PoolLoadBuilder<B>> {

    /** A request waits this long for a connection by default: HikariCP's 30 s would hide an overload for minutes. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(1);

    final Database database;
    final Schema schema;
    int requestThreads = 200;
    Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
    long seed = 6;

    PoolLoadBuilder(Database database, Schema schema) {
        this.database = Objects.requireNonNull(database, "database");
        this.schema = schema;
    }

    abstract B self();

    /** The service's request threads in front of the pool. Default 200 (Tomcat's maximum). */
    public B requestThreads(int requestThreads) {
        this.requestThreads = Require.between("requestThreads", requestThreads, 1, 10_000,
                "give the service at least one request thread, e.g. 200 (Tomcat's maximum)");
        return self();
    }

    /** How long a request waits for a connection before it fails. Default 1 s. */
    public B connectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = Require.between("connectionTimeout", connectionTimeout,
                ExperimentPool.MIN_CONNECTION_TIMEOUT, ExperimentPool.MAX_CONNECTION_TIMEOUT,
                "give at least " + ExperimentPool.MIN_CONNECTION_TIMEOUT.toMillis() + " ms, HikariCP's floor,"
                        + " e.g. Duration.ofSeconds(1)");
        return self();
    }

    /** The seed of the Poisson arrivals, so a run can be repeated. Default 6. */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** The shared settings as they are now; an experiment keeps this, so later setter calls do not change it. */
    Settings settings() {
        return new Settings(database, schema, requestThreads, connectionTimeout, seed);
    }

    /** A snapshot of the shared settings, taken when an experiment is built. */
    record Settings(Database database, Schema schema, int requestThreads, Duration connectionTimeout, long seed) {

        /** A fresh pool of {@code size} connections for one run, with the schema current on each. */
        ExperimentPool openPool(String name, int size) {
            return ExperimentPool.open(database, schema, name, size, connectionTimeout);
        }
    }
}
