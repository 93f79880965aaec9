package org.perflab.latency;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.HdrHistogram.AbstractHistogram;
import org.perflab.check.Require;
import tech.tablesaw.api.Table;

/**
 * A latency distribution reduced to the numbers worth comparing: count, mean, p50, p90, p95, p99,
 * p99.9 and max. Every value is in <b>nanoseconds</b>; {@link #toString()}, the {@code ...Millis()}
 * accessors and {@link #toTable(String)} show milliseconds.
 *
 * <p>Percentiles follow HdrHistogram's definition: the value at percentile {@code p} is the
 * smallest recorded value that at least {@code p}% of all values are less than or equal to,
 * reported as the highest value in its histogram bucket (so within the histogram's precision, 0.1%
 * at three significant digits, above the true value). The mean is computed from bucket midpoints
 * and carries the same precision.
 *
 * <p>Surprise worth teaching: of 1000 values where exactly 10 are slow, p99 is still a fast one (the
 * 990th sorted value); only p99.9 and max show the slow 1%.
 */
public record LatencySummary(long count, double meanNanos, long p50Nanos, long p90Nanos, long p95Nanos,
                             long p99Nanos, long p999Nanos, long maxNanos) {

    /** The summary of no values: every field zero. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);

    public LatencySummary {
        Require.atLeast("count", count, 0, "give the number of recorded samples, or use LatencySummary.EMPTY");
    }

    /**
     * Summarizes a histogram whose values are nanoseconds, reading every percentile from
     * HdrHistogram itself.
     */
    public static LatencySummary of(AbstractHistogram histogramNanos) {
        Objects.requireNonNull(histogramNanos, "histogramNanos");
        if (histogramNanos.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                histogramNanos.getTotalCount(),
                histogramNanos.getMean(),
                histogramNanos.getValueAtPercentile(50.0),
                histogramNanos.getValueAtPercentile(90.0),
                histogramNanos.getValueAtPercentile(95.0),
                histogramNanos.getValueAtPercentile(99.0),
                histogramNanos.getValueAtPercentile(99.9),
                histogramNanos.getMaxValue());
    }

    public double meanMillis() {
        return Millis.of(meanNanos);
    }

    public double p50Millis() {
        return Millis.of(p50Nanos);
    }

    public double p90Millis() {
        return Millis.of(p90Nanos);
    }

    public double p95Millis() {
        return Millis.of(p95Nanos);
    }

    public double p99Millis() {
        return Millis.of(p99Nanos);
    }

    public double p999Millis() {
        return Millis.of(p999Nanos);
    }

    public double maxMillis() {
        return Millis.of(maxNanos);
    }

    /** Every statistic in milliseconds, keyed by its label ({@code mean, p50, ..., p99.9, max}), in order. */
    public Map<String, Double> millisByStatistic() {
        Map<String, Double> millis = new LinkedHashMap<>();
        for (Statistic statistic : Statistic.values()) {
            millis.put(statistic.label(), Millis.of(statistic.nanosOf(this)));
        }
        return millis;
    }

    /** One row: {@code run, count, mean_ms, p50_ms, p90_ms, p95_ms, p99_ms, p99_9_ms, max_ms}. */
    public Table toTable(String runName) {
        Map<String, LatencySummary> runs = new LinkedHashMap<>();
        runs.put(runName, this);
        return tableOf(runs);
    }

    /**
     * One row per run, in the map's iteration order (pass a {@link LinkedHashMap} to control it),
     * with the columns of {@link #toTable(String)}.
     */
    public static Table tableOf(Map<String, LatencySummary> runs) {
        return LatencyTables.summaries(runs);
    }

    /** {@code count=1000 mean=99.5 ms p50=50.0 ms ... max=5000 ms}. */
    @Override
    public String toString() {
        StringJoiner line = new StringJoiner(" ");
        line.add("count=" + count);
        for (Statistic statistic : Statistic.values()) {
            line.add(statistic.label() + "=" + Millis.format(statistic.nanosOf(this)));
        }
        return line.toString();
    }
}
