package org.perflab.scaling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.perflab.load.Target;

/**
 * A request that mostly waits: it borrows a pooled connection and asks the database to wait
 * ({@code pg_sleep}) for a fixed time, the way a handler waits on a slow query, a payment provider or
 * another service. The thread holds no core while it waits, so more workers mean more requests in flight
 * until something shared (cores spent on the round trips, the pool, the server's connections) runs out.
 *
 * <p>On a database without {@code pg_sleep} (H2) the wait happens in the handler instead, after a trivial
 * query and still holding the connection, and {@link #toString()} says so: the shape of the lesson
 * survives, the database's share does not.
 */
public final class DatabaseWork implements Target {

    private final DataSource pool;
    private final Duration wait;
    private final boolean serverSideWait;
    private final String sql;

    private DatabaseWork(DataSource pool, Duration wait, boolean serverSideWait) {
        this.pool = pool;
        this.wait = wait;
        this.serverSideWait = serverSideWait;
        this.sql = serverSideWait ? "select pg_sleep(?)" : "select 1";
    }

    /**
     * @param pool           a pool sized at least as large as the most workers that will call this, so the
     *                       pool is not the first limit unless that is the lesson
     * @param wait           how long each request waits on the database
     * @param serverSideWait true to wait inside the database ({@code pg_sleep}, PostgreSQL), false to wait in
     *                       the handler after a trivial query
     */
    public static DatabaseWork waiting(DataSource pool, Duration wait, boolean serverSideWait) {
        Objects.requireNonNull(pool, "pool");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative, was " + wait);
        }
        return new DatabaseWork(pool, wait, serverSideWait);
    }

    @Override
    public void call() throws SQLException, InterruptedException {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (serverSideWait) {
                statement.setDouble(1, wait.toNanos() / 1e9);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
            }
            if (!serverSideWait && !wait.isZero()) {
                // Holding the connection, as a slow query would: the pool is as busy as it is on PostgreSQL.
                Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
            }
        }
    }

    public Duration waitPerRequest() {
        return wait;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s of %.1f ms per request%s", serverSideWait ? "pg_sleep" : "a trivial query and a wait",
                wait.toNanos() / 1e6, serverSideWait ? "" : " in the handler (SIMULATED: this database cannot wait itself)");
    }
}
