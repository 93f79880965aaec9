package org.perflab.pool;

import org.perflab.check.Require;
import org.perflab.latency.LatencyRecorder;
import org.perflab.load.LoadResult;
import org.perflab.load.Target;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

import org.perflab.verdict.Estimate;

/** The request the pooling experiments send, and the batch-means interval their sampled series need. */
public final class PoolRequests {

    private PoolRequests() {
    }

    /**
     * One request: borrow a connection from {@code pool}, run {@code sql}, and record in {@code holds} how long the
     * connection was held (from the borrow to the end of the statement, without the wait for the connection).
     */
    public static Target borrowAndRun(ExperimentPool pool, String sql, LatencyRecorder holds) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(holds, "holds");
        return () -> {
            try (Connection connection = pool.dataSource().getConnection()) {
                long borrowed = System.nanoTime();
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
                holds.recordNanos(System.nanoTime() - borrowed);
            }
        };
    }

    /** {@code 150 completed, 0 failed (0 late starts); completed: p50 411.8 ms, p99 767.0 ms, max 767.0 ms}. */
    public static String describe(LoadResult load) {
        return String.format(Locale.ROOT, "%d completed, %d failed (%d late starts); completed: p50 %.1f ms,"
                + " p99 %.1f ms, max %.1f ms", load.completed(), load.failed(), load.late(),
                load.latency().p50Millis(), load.latency().p99Millis(), load.latency().maxMillis());
    }

    /**
     * Batch means: {@code series} cut into {@code batches} consecutive batches, {@code perBatch} of each batch's mean
     * one value of a Student-t interval. A pool's sampled counts are autocorrelated from one sample to the next;
     * batches far longer than a request are close to independent.
     */
    public static Estimate batchMeans(double[] series, int batches, DoubleUnaryOperator perBatch) {
        Require.that(batches >= 2 && series.length >= batches, "batch means",
                series.length + " samples for " + batches + " batches",
                "at least 2 batches of at least one sample each", "sample longer or use fewer batches");
        double[] means = new double[batches];
        for (int b = 0; b < batches; b++) {
            int from = series.length * b / batches;
            int to = series.length * (b + 1) / batches;
            means[b] = perBatch.applyAsDouble(Arrays.stream(series, from, to).average().orElseThrow());
        }
        return Estimate.ofTrials(means);
    }

    /**
     * The growth rate of a sampled count, per second, in each of {@code batches} consecutive batches (last sample
     * minus first, over the time between them), as a Student-t interval: how fast a queue builds while arrivals
     * outrun the pool, with the Poisson noise of the arrivals in its spread.
     */
    public static Estimate growthPerSecond(double[] elapsedMs, double[] counts, int batches) {
        Require.that(elapsedMs.length == counts.length, "counts' length", counts.length,
                "the times' length (" + elapsedMs.length + ")", "give one count per sampling time");
        Require.that(batches >= 2 && counts.length >= 2 * batches, "growth rates",
                counts.length + " samples for " + batches + " batches", "at least 2 batches of 2 samples",
                "sample longer or use fewer batches");
        double[] rates = new double[batches];
        for (int b = 0; b < batches; b++) {
            int first = counts.length * b / batches;
            int last = counts.length * (b + 1) / batches - 1;
            rates[b] = (counts[last] - counts[first]) / ((elapsedMs[last] - elapsedMs[first]) / 1_000);
        }
        return Estimate.ofTrials(rates);
    }
}
