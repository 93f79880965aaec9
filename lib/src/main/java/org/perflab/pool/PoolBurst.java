package org.perflab.pool;

import org.perflab.check.Require;
import org.perflab.db.Database;
import org.perflab.db.Schema;
import org.perflab.latency.LatencyRecorder;
import org.perflab.load.ArrivalSchedule;
import org.perflab.load.LoadResult;
import org.perflab.load.OpenLoopGenerator;

import java.time.Duration;
import java.util.Objects;

/**
 * Many clients arriving at once at a pool smaller than their number, each holding a connection for a fixed time:
 * the pool serves them in waves of its size, so the last one finishes after ceil(clients / pool size) holds, and a
 * pool that waits at most T serves only the waves whose turn comes within T.
 */
public final class PoolBurst {

    private final Database database;
    private final Schema schema;
    private final int clients;
    private final int poolSize;
    private final double holdSeconds;

    /**
     * @param clients     requests arriving within a few milliseconds (an open-loop burst)
     * @param poolSize    the pool's connections
     * @param holdSeconds how long each request holds its connection ({@code pg_sleep})
     */
    public PoolBurst(Database database, Schema schema, int clients, int poolSize, double holdSeconds) {
        this.database = Objects.requireNonNull(database, "database");
        this.schema = schema;
        this.clients = Require.atLeast("clients", clients, 1, "give the burst at least one client");
        this.poolSize = Require.atLeast("poolSize", poolSize, 1, "give the pool at least one connection");
        this.holdSeconds = Require.positiveFinite("holdSeconds", holdSeconds,
                "give how long each request holds its connection, e.g. 0.1 for 100 ms");
    }

    /** What one burst did: the load, the most connections the pool held, the most threads waiting. */
    public record Result(LoadResult load, int maxTotal, int maxWaiting) {

        /** {@code 150 completed, 0 failed (0 late starts); completed: p50 411.8 ms, p99 767.0 ms, max 767.0 ms}. */
        public String describe() {
            return PoolRequests.describe(load);
        }
    }

    /** The queue's arithmetic: the last client finishes after ceil(clients / pool size) holds (ms). */
    public static double slowestExpectedMs(int clients, int poolSize, double holdMs) {
        return Math.ceil((double) clients / poolSize) * holdMs;
    }

    /**
     * With a borrow timeout of {@code timeoutMs}: the waves that start within the timeout (at 0, hold, 2 x hold, ...)
     * are served, pool size each, the rest fail. At most {@code clients}.
     */
    public static double servedWithinTimeout(int clients, int poolSize, double holdMs, double timeoutMs) {
        return Math.min(clients, poolSize * Math.ceil(timeoutMs / holdMs));
    }

    /** One burst through a fresh pool whose borrowers wait at most {@code connectionTimeout}. */
    public Result run(Duration connectionTimeout) throws Exception {
        try (ExperimentPool pool = ExperimentPool.open(database, schema, "burst-" + connectionTimeout.toMillis(),
                poolSize, connectionTimeout)) {
            pool.awaitFilled(Duration.ofSeconds(10));
            PoolSampler sampler = PoolSampler.start(pool, Duration.ofMillis(2));
            LoadResult load;
            try {
                load = OpenLoopGenerator.builder()
                        .target(PoolRequests.borrowAndRun(pool, "SELECT pg_sleep(" + holdSeconds + ")", LatencyRecorder.create()))
                        .schedule(ArrivalSchedule.constantRate(100_000)).maxRequests(clients)
                        .workerThreads(clients).lateAfter(Duration.ofMillis(20)).build().run();
            } finally {
                sampler.close();
            }
            return new Result(load, (int) sampler.toTable().intColumn("total").max(), sampler.maxWaiting());
        }
    }
}
