package org.perflab.verdict;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;
import org.perflab.check.Require;

/**
 * A measured quantity with its 95% confidence interval: the number a verdict judges.
 *
 * <ul>
 *   <li>{@link #ofTrials} — the mean of repeated independent trials, with Student's t interval. Use it
 *       when one trial is cheap enough to repeat: the interval then covers the run-to-run noise of the
 *       machine, which is what makes a verdict flaky.</li>
 *   <li>{@link #bootstrap} — a statistic of one run's samples (a percentile, a ratio of two
 *       percentiles), with the percentile bootstrap's interval. Use it where trials are costly; it
 *       covers sampling noise within the run, not drift between runs.</li>
 *   <li>{@link #exact} — a number with no sampling noise: a count, a configuration value, a fit to
 *       published data. Its interval is the number itself.</li>
 * </ul>
 *
 * @param value   the point estimate: the trials' mean, or the statistic of all samples
 * @param low     the interval's lower end
 * @param high    the interval's upper end
 * @param repeats trials or samples behind the interval; 1 for an exact value
 * @param method  how the interval was made
 */
public record Estimate(double value, double low, double high, int repeats, Method method) {

    /** The confidence level of every interval here. */
    public static final double CONFIDENCE = 0.95;
    /** Bootstrap resamples: enough for the 2.5th and 97.5th percentiles to settle to two digits. */
    static final int RESAMPLES = 2_000;
    // A fixed seed: the same samples give the same interval, so a re-run of a cell prints the same line.
    private static final long BOOTSTRAP_SEED = 0x5eed_2026L;

    /** How an {@link Estimate}'s interval was made. */
    public enum Method {
        /** No sampling noise: the interval is the value. */
        EXACT("exact"),
        /** The mean of repeated independent trials, Student's t interval. */
        TRIALS("trials"),
        /** A statistic of one run's samples: a bootstrap or an order-statistic interval. */
        SAMPLES("samples");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Estimate {
        Objects.requireNonNull(method, "method");
        Require.atLeast("repeats", repeats, 1, "count the measurements behind the estimate, at least one");
        Require.that(!(low > high), "the interval's low end", low, "<= its high end (" + high + ")",
                "swap the two ends");
    }

    /** A value with no sampling noise; its interval is the value itself. */
    public static Estimate exact(double value) {
        return new Estimate(value, value, value, 1, Method.EXACT);
    }

    /**
     * The mean of at least two independent trials with its Student t interval: mean ± t(0.975, n-1) x
     * s / √n. A NaN trial makes the whole estimate NaN: a trial that produced no number confirms nothing.
     */
    public static Estimate ofTrials(double... trials) {
        Objects.requireNonNull(trials, "trials");
        Require.atLeast("trials", trials.length, 2,
                "an interval needs at least 2 trials; for a single number with no noise use Estimate.exact");
        int n = trials.length;
        double mean = Arrays.stream(trials).sum() / n;
        if (Double.isNaN(mean)) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, n, Method.TRIALS);
        }
        double squares = 0;
        for (double trial : trials) {
            squares += (trial - mean) * (trial - mean);
        }
        double standardError = Math.sqrt(squares / (n - 1) / n);
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        return new Estimate(mean, mean - t * standardError, mean + t * standardError, n, Method.TRIALS);
    }

    /**
     * {@code statistic(samples)} with its percentile-bootstrap interval: the statistic of
     * {@value #RESAMPLES} resamples drawn with replacement, cut at 2.5% and 97.5%. The resampling is
     * seeded, so the same samples always give the same interval.
     */
    public static Estimate bootstrap(double[] samples, ToDoubleFunction<double[]> statistic) {
        requireSamples("samples", samples);
        Objects.requireNonNull(statistic, "statistic");
        SplittableRandom random = new SplittableRandom(BOOTSTRAP_SEED);
        double[] resampled = new double[RESAMPLES];
        double[] draw = new double[samples.length];
        for (int r = 0; r < RESAMPLES; r++) {
            resample(samples, draw, random);
            resampled[r] = statistic.applyAsDouble(draw);
        }
        return fromResamples(statistic.applyAsDouble(samples.clone()), resampled, samples.length);
    }

    /**
     * A statistic of two independent sets of samples (a ratio of two runs' p99s, say) with its
     * percentile-bootstrap interval; each set is resampled on its own. {@code repeats} is the smaller
     * set's size.
     */
    public static Estimate bootstrap(double[] first, double[] second,
                                     ToDoubleBiFunction<double[], double[]> statistic) {
        requireSamples("first", first);
        requireSamples("second", second);
        Objects.requireNonNull(statistic, "statistic");
        SplittableRandom random = new SplittableRandom(BOOTSTRAP_SEED);
        double[] resampled = new double[RESAMPLES];
        double[] drawFirst = new double[first.length];
        double[] drawSecond = new double[second.length];
        for (int r = 0; r < RESAMPLES; r++) {
            resample(first, drawFirst, random);
            resample(second, drawSecond, random);
            resampled[r] = statistic.applyAsDouble(drawFirst, drawSecond);
        }
        return fromResamples(statistic.applyAsDouble(first.clone(), second.clone()), resampled,
                Math.min(first.length, second.length));
    }

    private static void requireSamples(String name, double[] samples) {
        Objects.requireNonNull(samples, name);
        Require.that(samples.length >= 2, name, samples.length + " samples", "at least 2 samples to bootstrap",
                "measure at least twice");
    }

    private static void resample(double[] from, double[] into, SplittableRandom random) {
        for (int i = 0; i < into.length; i++) {
            into[i] = from[random.nextInt(from.length)];
        }
    }

    private static Estimate fromResamples(double value, double[] resampled, int repeats) {
        if (Double.isNaN(value) || Arrays.stream(resampled).anyMatch(Double::isNaN)) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, repeats, Method.SAMPLES);
        }
        Arrays.sort(resampled);
        double tail = (1 - CONFIDENCE) / 2;
        double low = resampled[(int) Math.floor(tail * (resampled.length - 1))];
        double high = resampled[(int) Math.ceil((1 - tail) * (resampled.length - 1))];
        // A skewed statistic can put its full-sample value just outside its resamples' central 95%.
        return new Estimate(value, Math.min(low, value), Math.max(high, value), repeats, Method.SAMPLES);
    }

    /** Whether the interval is a single point (an exact value, or trials that all agreed). */
    public boolean isPoint() {
        return low == high;
    }

    /** Whether this interval and {@code other} share at least one value (touching counts). */
    public boolean overlaps(Estimate other) {
        return low <= other.high && other.low <= high;
    }

    /** {@code exact}, {@code 95% CI 3.9 to 4.1, 5 trials}, {@code 95% CI 12.1 to 13.4, 2000 samples}. */
    public String describe() {
        if (method == Method.EXACT) {
            return "exact";
        }
        String interval = "95% CI " + Numbers.format(low) + " to " + Numbers.format(high);
        return method == Method.TRIALS ? interval + ", " + repeats + " trials"
                : interval + ", " + repeats + " samples";
    }
}
