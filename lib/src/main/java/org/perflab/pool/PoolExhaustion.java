package org.perflab.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Exhausts a pool on purpose: borrow every connection, hold them, ask for one more. The extra
 * request waits {@link ExperimentPool#connectionTimeout()} and fails with HikariCP's
 * {@code SQLTransientConnectionException}, whose message includes the pool's totals, which is
 * the message a service shows when its pool is too small for its concurrency (Little's law:
 * connections needed = requests per second x seconds each request holds one).
 */
public final class PoolExhaustion {

    private PoolExhaustion() {
    }

    /**
     * Holds all {@code maximumPoolSize} connections, asks for one more, records the failure, then
     * returns every connection. Throws {@link IllegalStateException} if the extra request succeeds
     * (someone else returned a connection, or the pool was larger than stated).
     */
    public static ExhaustionResult borrowOneTooMany(ExperimentPool pool) throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < pool.maximumPoolSize(); i++) {
                held.add(pool.dataSource().getConnection());
            }
            long start = System.nanoTime();
            Connection extra;
            try {
                extra = pool.dataSource().getConnection();
            } catch (SQLException e) {
                long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                return new ExhaustionResult(held.size(), waitedMs, e.getClass().getName(), e.getMessage(),
                        e.getSQLState(), pool.snapshot());
            }
            extra.close();
            throw new IllegalStateException("Pool " + pool.name() + " lent connection " + (held.size() + 1)
                    + " although maximumPoolSize is " + pool.maximumPoolSize() + " (" + pool.snapshot().describe()
                    + "); is another thread returning connections to it?");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }
}
