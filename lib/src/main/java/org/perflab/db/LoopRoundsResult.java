package org.perflab.db;

import org.perflab.latency.Rounds;
import org.perflab.verdict.Estimate;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * What {@link LoopRounds} measured: the loop's time at every N in every round, the reference way's
 * time at the largest N per round, and the round trip each round ran at.
 *
 * <p>The fitted line is a weighted least-squares line through the median at each N, each median
 * weighted by the inverse of its variance (from a bootstrap of the rounds at that N). Why weighted:
 * the scatter of a 100 ms load is a hundred times that of a 1 ms load, and an unweighted line lets
 * the largest N decide the intercept alone; a millisecond of noise at N = 1,000 then moves the
 * intercept by a millisecond, ten times the fixed cost it is meant to measure. Weighted, each N
 * counts as much as its precision allows, and the intercept is pinned by the small N, where it can
 * be seen. Intervals of slope and intercept are a bootstrap over whole rounds (a resampled round
 * keeps all its sizes, and its probe blocks, together).
 */
public final class LoopRoundsResult {

    /** A line T(N) = intercept + slope × N, in milliseconds. */
    public record Line(double interceptMillis, double slopeMillisPerRow) {
        public double millisAt(double n) {
            return interceptMillis + slopeMillisPerRow * n;
        }
    }

    private static final int VARIANCE_RESAMPLES = 500;
    private static final long VARIANCE_SEED = 20_261_207L;

    private final int[] sizes;
    private final double[][] loopMillis;
    private final double[] referenceMillis;
    private final double[] roundTripMillis;
    private final double[] weights;

    LoopRoundsResult(int[] sizes, double[][] loopMillis, double[] referenceMillis, double[] roundTripMillis) {
        this.sizes = sizes.clone();
        this.loopMillis = loopMillis;
        this.referenceMillis = referenceMillis;
        this.roundTripMillis = roundTripMillis;
        this.weights = new double[sizes.length];
        SplittableRandom random = new SplittableRandom(VARIANCE_SEED);
        for (int i = 0; i < sizes.length; i++) {
            weights[i] = 1 / varianceOfMedian(loopMillis[i], random);
        }
    }

    public int rounds() {
        return roundTripMillis.length;
    }

    public int[] sizes() {
        return sizes.clone();
    }

    /** The loop's times at sizes()[index], one per round, in milliseconds. */
    public double[] loopMillis(int index) {
        return loopMillis[index].clone();
    }

    /** The reference way at the largest N, one per round, in milliseconds. */
    public double[] referenceMillis() {
        return referenceMillis.clone();
    }

    /** The round trip (median probe block) of each round, in milliseconds. */
    public double[] roundTripMillis() {
        return roundTripMillis.clone();
    }

    /** The median over all rounds at every N, in milliseconds. */
    public double[] medianMillis() {
        return IntStream.range(0, sizes.length).mapToDouble(i -> Rounds.median(loopMillis[i])).toArray();
    }

    /** The weighted line through the medians of all rounds. */
    public Line line() {
        return fit(allRounds());
    }

    /** The slope, in milliseconds per row, with its bootstrap interval over rounds. */
    public Estimate slope() {
        return Estimate.bootstrap(allRounds(), rounds -> fit(rounds).slopeMillisPerRow());
    }

    /**
     * The slope in round trips: the slope over the median round trip of the same rounds (their probe
     * blocks), with a bootstrap interval over whole rounds, each resampled round keeping its loads and
     * its probe blocks together. Why the rounds' own round trip and not one measured before them: on
     * a shared machine the pace can change by half within a minute, and only the blocks timed between
     * the loads saw the pace the loop ran at. The ratio still fails when the loop pays something per
     * post that the probe's lookup does not (two statements per post read as 2).
     */
    public Estimate slopePerRoundTrip() {
        return Estimate.bootstrap(allRounds(), rounds -> fit(rounds).slopeMillisPerRow()
                / Rounds.median(Arrays.stream(rounds).map(r -> roundTripMillis[(int) r]).toArray()));
    }

    /** The intercept (the cost at N = 0), in milliseconds, with its bootstrap interval over rounds. */
    public Estimate intercept() {
        return Estimate.bootstrap(allRounds(), rounds -> fit(rounds).interceptMillis());
    }

    /**
     * Per N: the model (N + 1) × {@code roundTripMillis}, the median measured, the fitted line, the
     * residual (measured − fitted) in ms and in per cent of the fitted value, and measured / model.
     */
    public Table toTable(double modelRoundTripMillis) {
        Line line = line();
        double[] measured = medianMillis();
        IntColumn n = IntColumn.create("N");
        DoubleColumn model = DoubleColumn.create("model_ms");
        DoubleColumn median = DoubleColumn.create("measured_ms");
        DoubleColumn fitted = DoubleColumn.create("fitted_ms");
        DoubleColumn residual = DoubleColumn.create("residual_ms");
        DoubleColumn residualPercent = DoubleColumn.create("residual_pct");
        DoubleColumn vsModel = DoubleColumn.create("measured_vs_model");
        for (int i = 0; i < sizes.length; i++) {
            double predicted = (sizes[i] + 1) * modelRoundTripMillis;
            double onLine = line.millisAt(sizes[i]);
            n.append(sizes[i]);
            model.append(round(predicted, 3));
            median.append(round(measured[i], 3));
            fitted.append(round(onLine, 3));
            residual.append(round(measured[i] - onLine, 3));
            residualPercent.append(round(100 * (measured[i] - onLine) / onLine, 1));
            vsModel.append(round(measured[i] / predicted, 2));
        }
        return Table.create("the loop (median of " + rounds() + " rounds) against the model and the fitted line",
                n, model, median, fitted, residual, residualPercent, vsModel);
    }

    /** Residuals (measured median − fitted), in per cent of the fitted value, per N. */
    public double[] residualPercents() {
        Line line = line();
        double[] measured = medianMillis();
        return IntStream.range(0, sizes.length)
                .mapToDouble(i -> 100 * (measured[i] - line.millisAt(sizes[i])) / line.millisAt(sizes[i])).toArray();
    }

    private double[] allRounds() {
        return IntStream.range(0, rounds()).asDoubleStream().toArray();
    }

    /** The weighted line through the medians over the given (resampled) round indexes. */
    private Line fit(double[] roundIndexes) {
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < sizes.length; i++) {
            double[] times = loopMillis[i];
            double y = Rounds.median(Arrays.stream(roundIndexes).map(r -> times[(int) r]).toArray());
            double w = weights[i];
            double x = sizes[i];
            sw += w;
            sx += w * x;
            sy += w * y;
            sxx += w * x * x;
            sxy += w * x * y;
        }
        double slope = (sw * sxy - sx * sy) / (sw * sxx - sx * sx);
        return new Line((sy - slope * sx) / sw, slope);
    }

    /** Bootstrap variance of the median of {@code values}; floored so that equal values keep a finite weight. */
    static double varianceOfMedian(double[] values, SplittableRandom random) {
        double[] draw = new double[values.length];
        double sum = 0, sumSquares = 0;
        for (int r = 0; r < VARIANCE_RESAMPLES; r++) {
            for (int i = 0; i < draw.length; i++) {
                draw[i] = values[random.nextInt(values.length)];
            }
            double median = Rounds.median(draw);
            sum += median;
            sumSquares += median * median;
        }
        double mean = sum / VARIANCE_RESAMPLES;
        double variance = sumSquares / VARIANCE_RESAMPLES - mean * mean;
        double floor = Math.pow(1e-3 * Math.max(Math.abs(Rounds.median(values)), 1e-6), 2);
        return Math.max(variance, floor);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
