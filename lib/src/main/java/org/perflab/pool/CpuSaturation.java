package org.perflab.pool;

import org.HdrHistogram.Histogram;
import org.perflab.db.Database;
import org.perflab.db.Schema;
import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;
import org.perflab.load.ClosedLoopGenerator;
import org.perflab.load.LoadResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A closed loop of users sending a CPU-bound query through pools of different sizes: requests per second, and the
 * time each query took inside the database (from {@code execute} to its return) beside the whole request's. Past
 * the server's cores a bigger pool adds no throughput; the CPU is shared by more queries, each taking longer.
 *
 * <p>The query takes one integer parameter, a random bound below 100, so no database answers a repeat from a cache.
 */
public final class CpuSaturation {

    /** Closed-loop users queue for a connection by design here, so the borrow timeout only catches a hung run. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(30);

    private final Database database;
    private final Schema schema;
    private final String sql;
    private final int users;
    private final Duration run;

    /**
     * @param sql   a CPU-bound query with one integer parameter
     * @param users closed-loop users, each sending the next request when the last returns
     * @param run   how long each pool size is loaded
     */
    public CpuSaturation(Database database, Schema schema, String sql, int users, Duration run) {
        this.database = Objects.requireNonNull(database, "database");
        this.schema = schema;
        this.sql = Objects.requireNonNull(sql, "sql");
        this.users = users;
        this.run = Objects.requireNonNull(run, "run");
    }

    public int users() {
        return users;
    }

    /**
     * One run (or the sum of several) of one pool size: requests, seconds, request and in-database latencies, and the
     * CPU seconds the pool's server processes used ({@code NaN} where they cannot be read: see {@link ServerCpu}).
     */
    public record Point(int poolSize, long completed, double seconds, Histogram request, Histogram query,
                        double serverCpuSeconds) {

        public double perSec() {
            return completed / seconds;
        }

        /** Cores' worth of CPU the database got: its processes' CPU seconds over the run's seconds. */
        public double serverCores() {
            return serverCpuSeconds / seconds;
        }

        /** Requests per CPU second of the database: the work a request costs, whatever share of the CPU it got. */
        public double perServerCpuSecond() {
            return completed / serverCpuSeconds;
        }

        public double queryP50Ms() {
            return query.getValueAtPercentile(50) / 1e6;
        }

        /** Two runs of the same size as one: counts and seconds added, histograms merged. */
        public Point plus(Point other) {
            if (other.poolSize() != poolSize) {
                throw new IllegalArgumentException("cannot add a run of pool size " + other.poolSize()
                        + " to one of " + poolSize);
            }
            Histogram requests = request.copy();
            Histogram queries = query.copy();
            requests.add(other.request());
            queries.add(other.query());
            return new Point(poolSize, completed + other.completed(), seconds + other.seconds(), requests, queries,
                    serverCpuSeconds + other.serverCpuSeconds());
        }
    }

    /** The users for the run's length, through a pool of {@code poolSize} connections. */
    public Point run(int poolSize) throws Exception {
        LatencyRecorder request = LatencyRecorder.create();
        LatencyRecorder query = LatencyRecorder.create();
        try (ExperimentPool pool = ExperimentPool.open(database, schema, "cpu-" + poolSize, poolSize,
                CONNECTION_TIMEOUT)) {
            pool.awaitFilled(Duration.ofSeconds(10));
            ServerCpu cpu = ServerCpu.of(database, pool.dataSource());
            double cpuBefore = cpu.seconds();
            LoadResult load = ClosedLoopGenerator.builder().users(users).duration(run).target(() -> {
                long sent = System.nanoTime();
                try (Connection connection = pool.dataSource().getConnection();
                     PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setInt(1, ThreadLocalRandom.current().nextInt(100));
                    long start = System.nanoTime();
                    statement.executeQuery().close();
                    query.recordNanos(System.nanoTime() - start);
                }
                request.recordNanos(System.nanoTime() - sent);
            }).build().run();
            return new Point(poolSize, load.completed(), load.elapsedSec(), request.histogram(), query.histogram(),
                    cpu.seconds() - cpuBefore);
        }
    }

    /** One row per pool size: requests, throughput, query and request latencies in ms to 0.1. */
    public static Table tableOf(String title, Collection<Point> points) {
        Table table = Table.create(title, IntColumn.create("pool_size"), LongColumn.create("requests"),
                DoubleColumn.create("requests_per_sec"), DoubleColumn.create("query_p50_ms"),
                DoubleColumn.create("query_p99_ms"), DoubleColumn.create("request_p50_ms"),
                DoubleColumn.create("request_p99_ms"), DoubleColumn.create("database_cores"));
        for (Point point : points) {
            LatencySummary query = LatencySummary.of(point.query());
            LatencySummary request = LatencySummary.of(point.request());
            table.intColumn("pool_size").append(point.poolSize());
            table.longColumn("requests").append(point.completed());
            table.doubleColumn("requests_per_sec").append(Math.round(point.perSec()));
            table.doubleColumn("query_p50_ms").append(PoolSweep.round(query.p50Millis(), 1));
            table.doubleColumn("query_p99_ms").append(PoolSweep.round(query.p99Millis(), 1));
            table.doubleColumn("request_p50_ms").append(PoolSweep.round(request.p50Millis(), 1));
            table.doubleColumn("request_p99_ms").append(PoolSweep.round(request.p99Millis(), 1));
            table.doubleColumn("database_cores").append(PoolSweep.round(point.serverCores(), 2));
        }
        return table;
    }
}
