package org.perflab.pool;

import org.perflab.db.Database;
import org.perflab.db.TestDatabases;
import org.perflab.latency.LatencySummary;

import java.util.Locale;

/**
 * What a pool saves: the p50 and p99 of opening a new connection against borrowing a pooled one, alone
 * and as a whole request (acquire, SELECT 1, close). Prints figures and asserts nothing: on PostgreSQL a
 * borrow is typically more than ten times cheaper, but by how much depends on the machine and how busy it
 * is, which is why this is not a test. The tests count connections instead ({@link PoolTest}).
 *
 * <p>Argument (optional): {@code h2} or {@code postgresql} (default), the latter at
 * {@code PERFLAB_JDBC_URL} or 127.0.0.1:5432/test.
 */
public final class ConnectionCostBenchmark {

    private static final int REPETITIONS = 200;

    private ConnectionCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : TestDatabases.POSTGRES;
        try (Database database = TestDatabases.open(backend, TestDatabases.uniqueApplicationName("cost"));
             ExperimentPool pool = ExperimentPool.builder(database).name("cost-" + backend).maximumPoolSize(2).build()) {
            // Warm-up: class loading, JIT, the pool's first connections.
            ConnectionCosts.timeRequests(database.dataSource(), "SELECT 1", 20);
            ConnectionCosts.timeRequests(pool.dataSource(), "SELECT 1", REPETITIONS);

            print(backend, "acquire", ConnectionCosts.timeAcquisitions(database.dataSource(), REPETITIONS),
                    ConnectionCosts.timeAcquisitions(pool.dataSource(), REPETITIONS));
            print(backend, "request", ConnectionCosts.timeRequests(database.dataSource(), "SELECT 1", REPETITIONS),
                    ConnectionCosts.timeRequests(pool.dataSource(), "SELECT 1", REPETITIONS));
        }
    }

    private static void print(String backend, String what, LatencySummary unpooled, LatencySummary pooled) {
        System.out.printf(Locale.ROOT, "%s %s: new connection p50 %.3f ms p99 %.3f ms; pooled p50 %.4f ms p99 %.4f ms;"
                        + " p50 ratio %.1f (n=%d)%n", backend, what, unpooled.p50Millis(), unpooled.p99Millis(),
                pooled.p50Millis(), pooled.p99Millis(), unpooled.p50Millis() / pooled.p50Millis(), REPETITIONS);
    }
}
