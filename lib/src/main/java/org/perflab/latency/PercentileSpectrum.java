package org.perflab.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;
import org.perflab.check.Require;
import tech.tablesaw.api.Table;

/**
 * The whole latency distribution as percentile/value points, ready for a CDF chart: the same
 * points HdrHistogram prints in {@code outputPercentileDistribution}, dense near the tail (each
 * halving of the distance to 100% gets the same number of points) because the tail is where
 * latency stories are.
 *
 * @param points in increasing percentile order; the last point is at 100% and the maximum value
 */
public record PercentileSpectrum(List<Point> points) {

    /** Points per halving of the distance to 100%, as in HdrHistogram's own percentile output. */
    public static final int DEFAULT_TICKS_PER_HALF_DISTANCE = 5;

    /**
     * @param percentile     0 to 100
     * @param valueNanos     the value at that percentile (HdrHistogram's highest equivalent value)
     * @param countAtOrBelow how many recorded values are at or below {@code valueNanos}
     */
    public record Point(double percentile, long valueNanos, long countAtOrBelow) {
        public double valueMillis() {
            return Millis.of(valueNanos);
        }
    }

    public PercentileSpectrum {
        points = List.copyOf(points);
    }

    /** The spectrum of a histogram of nanoseconds, with {@link #DEFAULT_TICKS_PER_HALF_DISTANCE}. */
    public static PercentileSpectrum of(AbstractHistogram histogramNanos) {
        return of(histogramNanos, DEFAULT_TICKS_PER_HALF_DISTANCE);
    }

    /** The spectrum with a chosen density; an empty histogram gives an empty spectrum. */
    public static PercentileSpectrum of(AbstractHistogram histogramNanos, int ticksPerHalfDistance) {
        Objects.requireNonNull(histogramNanos, "histogramNanos");
        Require.atLeast("ticksPerHalfDistance", ticksPerHalfDistance, 1, "give 5 (HdrHistogram's default) or more");
        List<Point> points = new ArrayList<>();
        if (histogramNanos.getTotalCount() == 0) {
            return new PercentileSpectrum(points);
        }
        for (HistogramIterationValue value : histogramNanos.percentiles(ticksPerHalfDistance)) {
            points.add(new Point(value.getPercentileLevelIteratedTo(),
                    value.getValueIteratedTo(),
                    value.getTotalCountToThisValue()));
        }
        return new PercentileSpectrum(points);
    }

    /** Columns {@code percentile, value_ms, count_at_or_below}. */
    public Table toTable() {
        return LatencyTables.spectrum(points);
    }
}
