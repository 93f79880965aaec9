package org.perflab.pool;

import org.perflab.db.Database;
import org.perflab.db.Schema;
import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;
import org.perflab.load.ArrivalSchedule;
import org.perflab.load.LoadInterruptedException;
import org.perflab.load.LoadResult;
import org.perflab.load.OpenLoopGenerator;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * A pool's active, idle and waiting counts over time while a steady open-loop load runs, and a second load adds a
 * burst on top of it for a while. Two independent Poisson streams add up to one Poisson stream.
 *
 * <pre>{@code
 * PoolTimeline.Result run = PoolTimeline.builder(database, schema).poolSize(4).holdSeconds(0.01)
 *         .steady(200, Duration.ofMillis(6_500)).burst(400, Duration.ofMillis(1_500), Duration.ofMillis(1_500)).run();
 * run.chart("A pool of 4 under a burst")
 * }</pre>
 */
public final class PoolTimeline {

    private PoolTimeline() {
    }

    public static Builder builder(Database database, Schema schema) {
        return new Builder(database, schema);
    }

    /**
     * One run: the sampled counts ({@link PoolSampler#toTable()} columns), both loads, when the burst started and
     * ended (ms since the sampler started) and how long each request held its connection.
     */
    public record Result(Table samples, LoadResult steady, LoadResult burst, long burstStartMs, long burstEndMs,
                         int poolSize, LatencySummary holds) {

        /** One sampled column between two moments (ms since the sampler started), {@code fromMs} included. */
        public double[] between(String column, long fromMs, long toMs) {
            LongColumn at = samples.longColumn("elapsed_ms");
            return samples.where(at.isGreaterThanOrEqualTo(fromMs).and(at.isLessThan(toMs))).intColumn(column)
                    .asDoubleArray();
        }

        public double meanBetween(String column, long fromMs, long toMs) {
            return Arrays.stream(between(column, fromMs, toMs)).average().orElse(Double.NaN);
        }

        /** The sampling times between two moments, to go with {@link #between}. */
        public double[] elapsedBetween(long fromMs, long toMs) {
            LongColumn at = samples.longColumn("elapsed_ms");
            return samples.where(at.isGreaterThanOrEqualTo(fromMs).and(at.isLessThan(toMs))).longColumn("elapsed_ms")
                    .asDoubleArray();
        }

        /** Requests per second the pool can serve: its connections over the mean hold time. */
        public double capacityPerSec() {
            return poolSize / (holds.meanMillis() / 1_000);
        }

        /**
         * The counts as lines (hundreds of samples: markers would hide the shape), connections on the left axis and
         * threads waiting on the right, with the burst's start and end as dashed vertical lines.
         */
        public Figure chart(String title) {
            double[] at = samples.longColumn("elapsed_ms").asDoubleArray();
            List<Trace> traces = new ArrayList<>();
            traces.add(line("active (lent out), left axis", at, samples.intColumn("active").asDoubleArray(), "#1f77b4", false));
            traces.add(line("idle, left axis", at, samples.intColumn("idle").asDoubleArray(), "#2ca02c", false));
            traces.add(line("waiting, right axis", at, samples.intColumn("waiting").asDoubleArray(), "#d62728", true));
            for (long x : new long[] {burstStartMs, burstEndMs}) {
                traces.add(ScatterTrace.builder(new double[] {x, x}, new double[] {0, poolSize})
                        .mode(ScatterTrace.Mode.LINE).name(x == burstStartMs ? "burst starts" : "burst ends")
                        .line(Line.builder().dash(Line.Dash.DASH).width(1).color("#7f7f7f").build()).build());
            }
            Layout layout = Layout.builder().title(title).width(760).height(420).showLegend(true)
                    .xAxis(Axis.builder().title("time since the start (ms)").build())
                    .yAxis(Axis.builder().title("connections (count)").build())
                    .yAxis2(Axis.builder().title("threads waiting for a connection (count)")
                            .overlaying(ScatterTrace.YAxis.Y).side(Axis.Side.right).build())
                    .build();
            return new Figure(layout, traces.toArray(new Trace[0]));
        }

        private static Trace line(String name, double[] x, double[] y, String colour, boolean right) {
            ScatterTrace.ScatterBuilder trace = ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).name(name)
                    .line(Line.builder().width(1.5).color(colour).build());
            if (right) {
                trace.yAxis(ScatterTrace.YAxis.Y2);
            }
            return trace.build();
        }
    }

    /**
     * The pool, the two loads, and how often the pool is sampled. The steady load runs on
     * {@link #requestThreads} threads; the burst gets twice as many to wait in.
     */
    public static final class Builder extends PoolLoadBuilder<Builder> {
        private int poolSize = 4;
        private double holdSeconds = 0.01;
        private double steadyPerSec = 200;
        private Duration length = Duration.ofMillis(6_500);
        private double burstExtraPerSec = 400;
        private Duration burstStart = Duration.ofMillis(1_500);
        private Duration burstLength = Duration.ofMillis(1_500);

        private Builder(Database database, Schema schema) {
            super(database, schema);
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /** Each request holds its connection this long ({@code pg_sleep}). */
        public Builder holdSeconds(double holdSeconds) {
            this.holdSeconds = holdSeconds;
            return this;
        }

        /** The steady load's rate, for the whole run's length. */
        public Builder steady(double perSec, Duration length) {
            this.steadyPerSec = perSec;
            this.length = Objects.requireNonNull(length, "length");
            return this;
        }

        /** The burst: this much more per second, from {@code start} for {@code burstLength}. */
        public Builder burst(double extraPerSec, Duration start, Duration burstLength) {
            this.burstExtraPerSec = extraPerSec;
            this.burstStart = Objects.requireNonNull(start, "start");
            this.burstLength = Objects.requireNonNull(burstLength, "burstLength");
            return this;
        }

        /** Runs both loads through a fresh pool, sampled every 10 ms. */
        public Result run() throws Exception {
            LatencyRecorder holds = LatencyRecorder.create();
            try (ExperimentPool pool = settings().openPool("timeline", poolSize)) {
                pool.awaitFilled(Duration.ofSeconds(5));
                String holdSql = "SELECT pg_sleep(" + holdSeconds + ")";
                PoolSampler sampler = PoolSampler.start(pool, Duration.ofMillis(10));
                long t0 = System.nanoTime();
                try {
                    CompletableFuture<LoadResult> steady = CompletableFuture.supplyAsync(() -> {
                        try {
                            return OpenLoopGenerator.builder().target(PoolRequests.borrowAndRun(pool, holdSql, holds))
                                    .schedule(ArrivalSchedule.poisson(steadyPerSec, seed)).duration(length)
                                    .workerThreads(requestThreads).lateAfter(Duration.ofMillis(5)).build().run();
                        } catch (LoadInterruptedException e) {
                            throw new CompletionException(e);
                        }
                    });
                    Thread.sleep(burstStart.toMillis());
                    long startMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    LoadResult burst = OpenLoopGenerator.builder().target(PoolRequests.borrowAndRun(pool, holdSql, holds))
                            .schedule(ArrivalSchedule.poisson(burstExtraPerSec, seed + 1)).duration(burstLength)
                            .workerThreads(2 * requestThreads).lateAfter(Duration.ofMillis(5)).build().run();
                    LoadResult steadyResult = steady.get(length.toMillis() + 30_000, TimeUnit.MILLISECONDS);
                    return new Result(sampler.toTable(), steadyResult, burst, startMs, startMs + burstLength.toMillis(),
                            poolSize, holds.summary());
                } finally {
                    sampler.close();
                }
            }
        }
    }
}
