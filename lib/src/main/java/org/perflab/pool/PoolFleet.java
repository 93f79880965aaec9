package org.perflab.pool;

import org.perflab.db.Database;
import org.perflab.latency.LatencyRecorder;
import org.perflab.load.ArrivalSchedule;
import org.perflab.load.LoadResult;
import org.perflab.load.OpenLoopGenerator;
import org.perflab.load.Target;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several application instances, each with its own pool over one connection source (the database, or PgBouncer in
 * front of it), an open-loop load spread over them in turn, and the server's count of connections while the pools
 * are open.
 */
public final class PoolFleet {

    private PoolFleet() {
    }

    /** The load the instances served together, and the server connections counted under their application name. */
    public record Result(LoadResult load, int serverConnections) {
    }

    /**
     * @param countedName   the application name the server sees the instances' connections under
     * @param instances     application instances, one pool each
     * @param perInstance   connections in each instance's pool
     * @param sql           each request's query
     * @param ratePerSec    Poisson arrivals, all instances together
     */
    public static Result run(Database database, DataSource source, String countedName, int instances, int perInstance,
                             String sql, double ratePerSec, Duration length, long seed) throws Exception {
        Objects.requireNonNull(source, "source");
        List<ExperimentPool> pools = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                ExperimentPool pool = ExperimentPool.builder(database).name("instance-" + i)
                        .maximumPoolSize(perInstance).connectionSource(source).build();
                pools.add(pool);
                pool.awaitFilled(Duration.ofSeconds(10));
            }
            AtomicLong next = new AtomicLong();
            List<Target> targets = pools.stream()
                    .map(pool -> PoolRequests.borrowAndRun(pool, sql, LatencyRecorder.create())).toList();
            LoadResult load = OpenLoopGenerator.builder()
                    .target(() -> targets.get((int) (next.getAndIncrement() % instances)).call())
                    .schedule(ArrivalSchedule.poisson(ratePerSec, seed)).duration(length)
                    .workerThreads(200).lateAfter(Duration.ofMillis(5)).build().run();
            return new Result(load, ServerConnections.countForApplication(database, countedName));
        } finally {
            pools.forEach(ExperimentPool::close);
        }
    }
}
