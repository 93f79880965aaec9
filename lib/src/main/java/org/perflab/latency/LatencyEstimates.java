package org.perflab.latency;

import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.perflab.check.Require;
import org.perflab.verdict.Estimate;

/**
 * 95% intervals for the statistics of one run's latency histogram, in milliseconds, for verdicts
 * on runs too costly to repeat. They cover the sampling noise of the run's own requests; they do
 * not cover drift between runs on a noisy machine, which only repeated trials measure.
 *
 * <ul>
 *   <li>a percentile: the distribution-free interval of order statistics. Of N samples, the number
 *       below the true q-quantile is Binomial(N, q), so the samples ranked N·q ± 1.96·√(N·q·(1−q))
 *       bracket it 95% of the time, whatever the latency distribution;</li>
 *   <li>a ratio of two runs' percentiles: each end taken from the two 97.5% intervals, so the ratio's
 *       interval covers at least 95% (Bonferroni);</li>
 *   <li>the mean: mean ± 1.96 standard errors, the central limit theorem's interval.</li>
 * </ul>
 */
public final class LatencyEstimates {

    private static final double NANOS_PER_MILLI = 1e6;

    private LatencyEstimates() {
    }

    /** The {@code percentile} (0 to 100) of {@code histogram}, in ms, with its 95% interval. */
    public static Estimate percentileMillis(AbstractHistogram histogram, double percentile) {
        return percentileMillis(histogram, percentile, 0.95);
    }

    /** The mean of {@code histogram}, in ms, with its 95% interval. */
    public static Estimate meanMillis(AbstractHistogram histogram) {
        long n = requireSamples(histogram);
        double mean = histogram.getMean() / NANOS_PER_MILLI;
        double halfWidth = z(0.95) * histogram.getStdDeviation() / NANOS_PER_MILLI / Math.sqrt(n);
        return new Estimate(mean, mean - halfWidth, mean + halfWidth, saturate(n), Estimate.Method.SAMPLES);
    }

    /**
     * {@code numerator}'s percentile over {@code denominator}'s, with an interval of at least 95%
     * made from the two percentiles' 97.5% intervals.
     */
    public static Estimate percentileRatio(AbstractHistogram numerator, AbstractHistogram denominator,
                                           double percentile) {
        Estimate top = percentileMillis(numerator, percentile, 0.975);
        Estimate bottom = percentileMillis(denominator, percentile, 0.975);
        if (bottom.low() <= 0) {
            throw new IllegalArgumentException("the denominator's percentile interval reaches 0 ms, so the ratio "
                    + "is unbounded; record more requests or use a higher percentile");
        }
        return new Estimate(top.value() / bottom.value(), top.low() / bottom.high(), top.high() / bottom.low(),
                Math.min(top.repeats(), bottom.repeats()), Estimate.Method.SAMPLES);
    }

    private static Estimate percentileMillis(AbstractHistogram histogram, double percentile, double confidence) {
        Objects.requireNonNull(histogram, "histogram");
        Require.that(percentile > 0 && percentile < 100, "percentile", percentile, "> 0 and < 100",
                "give it on HdrHistogram's 0-to-100 scale, e.g. 99 for p99; use the maximum itself for 100");
        long n = requireSamples(histogram);
        double q = percentile / 100;
        double spread = z(confidence) * Math.sqrt(n * q * (1 - q));
        // Ranks are 1-based; the value at a rank is read back as the percentile that rank sits at.
        double lowRank = Math.max(1, Math.floor(n * q - spread));
        double highRank = Math.min(n, Math.ceil(n * q + spread));
        double value = histogram.getValueAtPercentile(percentile) / NANOS_PER_MILLI;
        double low = histogram.getValueAtPercentile(100.0 * lowRank / n) / NANOS_PER_MILLI;
        double high = histogram.getValueAtPercentile(100.0 * highRank / n) / NANOS_PER_MILLI;
        return new Estimate(value, Math.min(low, value), Math.max(high, value), saturate(n), Estimate.Method.SAMPLES);
    }

    private static long requireSamples(AbstractHistogram histogram) {
        long n = histogram.getTotalCount();
        Require.that(n >= 2, "the histogram", n + " samples", "at least 2 samples for an interval",
                "record more requests before estimating");
        return n;
    }

    private static double z(double confidence) {
        return new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    private static int saturate(long n) {
        return (int) Math.min(Integer.MAX_VALUE, n);
    }
}
