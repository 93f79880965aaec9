package org.perflab.pool;

import org.HdrHistogram.Histogram;
import org.perflab.check.Require;
import org.perflab.db.Database;
import org.perflab.db.Schema;
import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;
import org.perflab.load.ArrivalSchedule;
import org.perflab.load.LoadInterruptedException;
import org.perflab.load.LoadResult;
import org.perflab.load.OpenLoopGenerator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One open-loop load (Poisson arrivals of one query) sent through pools of different sizes: what each size
 * completed, how many of its connections were busy, how long each request held one. The pool-sizing question of
 * Little's law: a pool keeps up when it has more connections than arrival rate x hold time.
 *
 * <pre>{@code
 * PoolSweep sweep = PoolSweep.builder(database, schema).sql(mixedSql).ratePerSec(800).run(Duration.ofSeconds(2)).build();
 * List<PoolSweep.Point> points = sweep.run(1, 2, 3, 4, 5, 8);
 * PoolSweep.tableOf("open-loop sweep", points)
 * }</pre>
 */
public final class PoolSweep {

    /** A pool keeps up when it completes at least this share of the scheduled rate, with no request timed out. */
    public static final double KEEPS_UP_SHARE = 0.95;

    private final PoolLoadBuilder.Settings settings;
    private final String sql;
    private final double ratePerSec;
    private final Duration run;

    private PoolSweep(Builder builder) {
        this.settings = builder.settings();
        this.sql = Require.notNull("sql", builder.sql, "say which query a request runs: .sql(\"SELECT ...\")");
        this.ratePerSec = Require.positiveFinite("ratePerSec", builder.ratePerSec,
                "give the mean arrivals per second: .ratePerSec(800)");
        this.run = builder.run;
    }

    public static Builder builder(Database database, Schema schema) {
        return new Builder(database, schema);
    }

    public double ratePerSec() {
        return ratePerSec;
    }

    /**
     * One pool size's run: the load, its hold times, the sampled active (lent out) counts, the most threads waiting.
     * {@link #completedPerSec()} counts over the run's elapsed time, the drain after the last arrival included.
     */
    public record Point(int poolSize, LoadResult load, Histogram holds, double[] active, int maxWaiting) {

        public LatencySummary hold() {
            return LatencySummary.of(holds);
        }

        /** The sampled count of connections lent out, averaged over the run. */
        public double meanBusy() {
            return Arrays.stream(active).average().orElse(Double.NaN);
        }

        public double completedPerSec() {
            return load.completed() / load.elapsedSec();
        }

        public double completedShare() {
            long all = load.completed() + load.failed() + load.dropped();
            return all == 0 ? Double.NaN : (double) load.completed() / all;
        }

        /** Completed per second over the scheduled rate: about 1 for a pool that keeps up. */
        public double completedOverScheduled() {
            return completedPerSec() / load.scheduledRatePerSec();
        }

        /**
         * The median request's latency (from its intended start, so the wait for a connection is in it) in hold
         * times: 1 to 2 for a pool that keeps up, and many for one whose queue grows for the whole run.
         */
        public double p50OverHold() {
            return load.latency().p50Millis() / hold().meanMillis();
        }

        /** No request timed out and at least {@link #KEEPS_UP_SHARE} of the scheduled rate completed. */
        public boolean keptUp() {
            return load.failed() == 0 && completedOverScheduled() >= KEEPS_UP_SHARE;
        }
    }

    /** Runs the load once through a pool of {@code poolSize} connections. */
    public Point run(int poolSize) throws InterruptedException, LoadInterruptedException {
        try (ExperimentPool experiment = settings.openPool("sweep-" + poolSize, poolSize)) {
            experiment.awaitFilled(Duration.ofSeconds(10));
            LatencyRecorder holds = LatencyRecorder.create();
            LoadResult load;
            PoolSampler sampler = PoolSampler.start(experiment, Duration.ofMillis(5));
            try {
                load = OpenLoopGenerator.builder().target(PoolRequests.borrowAndRun(experiment, sql, holds))
                        .schedule(ArrivalSchedule.poisson(ratePerSec, settings.seed())).duration(run)
                        .workerThreads(settings.requestThreads()).lateAfter(Duration.ofMillis(5)).build().run();
            } finally {
                sampler.close();
            }
            return new Point(poolSize, load, holds.histogram(), sampler.toTable().intColumn("active").asDoubleArray(),
                    sampler.maxWaiting());
        }
    }

    /** Runs each size in turn. */
    public List<Point> run(int... poolSizes) throws InterruptedException, LoadInterruptedException {
        List<Point> points = new java.util.ArrayList<>();
        for (int size : poolSizes) {
            points.add(run(size));
        }
        return points;
    }

    /** Tries sizes from {@code from} up to {@code to} and answers the first that kept up, if any did. */
    public Optional<Point> smallestKeepingUp(int from, int to) throws InterruptedException, LoadInterruptedException {
        for (int size = from; size <= to; size++) {
            Point point = run(size);
            if (point.keptUp()) {
                return Optional.of(point);
            }
        }
        return Optional.empty();
    }

    /** One row per pool size: completions, timeouts, latency of the completed requests, busy connections, hold time. */
    public static Table tableOf(String title, List<Point> points) {
        Table table = Table.create(title, IntColumn.create("pool_size"), DoubleColumn.create("completed_per_sec"),
                DoubleColumn.create("completed_pct"), LongColumn.create("timed_out"), DoubleColumn.create("p50_ms"),
                DoubleColumn.create("p99_ms"), DoubleColumn.create("mean_busy"), IntColumn.create("max_waiting"),
                DoubleColumn.create("hold_ms"));
        for (Point point : points) {
            table.intColumn("pool_size").append(point.poolSize());
            table.doubleColumn("completed_per_sec").append(Math.round(point.completedPerSec()));
            table.doubleColumn("completed_pct").append(round(point.completedShare() * 100, 1));
            table.longColumn("timed_out").append(point.load().failed());
            table.doubleColumn("p50_ms").append(round(point.load().latency().p50Millis(), 2));
            table.doubleColumn("p99_ms").append(round(point.load().latency().p99Millis(), 2));
            table.doubleColumn("mean_busy").append(round(point.meanBusy(), 2));
            table.intColumn("max_waiting").append(point.maxWaiting());
            table.doubleColumn("hold_ms").append(round(point.hold().meanMillis(), 2));
        }
        return table;
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    /** The sweep's settings; sql and ratePerSec are required. */
    public static final class Builder extends PoolLoadBuilder<Builder> {
        private String sql;
        private double ratePerSec;
        private Duration run = Duration.ofSeconds(2);

        private Builder(Database database, Schema schema) {
            super(database, schema);
        }

        @Override
        Builder self() {
            return this;
        }

        /** The query each request runs on its borrowed connection. */
        public Builder sql(String sql) {
            this.sql = sql;
            return this;
        }

        /** Poisson arrivals at this mean rate. */
        public Builder ratePerSec(double ratePerSec) {
            this.ratePerSec = ratePerSec;
            return this;
        }

        /** How long arrivals are scheduled for each size. Default 2 s. */
        public Builder run(Duration run) {
            this.run = Objects.requireNonNull(run, "run");
            return this;
        }

        public PoolSweep build() {
            return new PoolSweep(this);
        }
    }
}
