package org.perflab.queueing;

import java.time.Duration;
import java.util.SplittableRandom;
import org.perflab.check.Require;

/**
 * A distribution of durations (service times, gaps between arrivals), sampled in nanoseconds.
 *
 * <p>A distribution holds no random state: the caller passes the {@link SplittableRandom} to draw
 * from, seeded, so a simulation or a live server owns its randomness and a run can be repeated
 * exactly (or, with {@link SplittableRandom#split()}, given independent streams per thread).
 *
 * <p>{@link #squaredCoefficientOfVariation()} (variance / mean^2) is what queueing formulas need:
 * 0 for a constant, 1 for exponential, more for heavy tails; the Pollaczek-Khinchine mean wait
 * grows with {@code (1 + scv) / 2}.
 */
public interface Distribution {

    /** One value in nanoseconds, never negative. */
    double sampleNanos(SplittableRandom random);

    double meanNanos();

    /** Variance / mean squared. */
    double squaredCoefficientOfVariation();

    default double meanSec() {
        return meanNanos() / 1e9;
    }

    /** Exponential with this mean: memoryless, the M in M/M/1. */
    static Distribution exponential(Duration mean) {
        return new Distributions.Exponential(Distributions.positiveNanos("mean", mean));
    }

    /**
     * The gaps of a Poisson stream at this rate: exponential with mean {@code 1 / rate}, kept exact
     * (a {@code Duration} mean would round it to whole nanoseconds).
     */
    static Distribution poissonGaps(double ratePerSec) {
        return new Distributions.Exponential(1e9 / Require.positiveFinite("ratePerSec", ratePerSec, "give the mean arrivals per second, e.g. 100"));
    }

    /** Always exactly this long: the D in M/D/1. */
    static Distribution deterministic(Duration value) {
        return new Distributions.Deterministic(Distributions.positiveNanos("value", value));
    }

    /** Uniform between {@code min} and {@code max}. */
    static Distribution uniform(Duration min, Duration max) {
        return new Distributions.Uniform(Distributions.nonNegativeNanos("min", min),
                Distributions.positiveNanos("max", max));
    }

    /**
     * Lognormal with this mean and shape {@code sigma} (the standard deviation of the log): a long
     * right tail, as measured service times often have. sigma 0.5 gives scv 0.28, sigma 1 gives 1.72.
     */
    static Distribution lognormal(Duration mean, double sigma) {
        return new Distributions.LogNormal(Distributions.positiveNanos("mean", mean), sigma);
    }

    /**
     * {@code fast} most of the time and {@code slow} with probability {@code slowFraction}: a cache
     * hit or miss, a request that sometimes waits for a lock.
     */
    static Distribution bimodal(Duration fast, Duration slow, double slowFraction) {
        return new Distributions.Bimodal(Distributions.positiveNanos("fast", fast),
                Distributions.positiveNanos("slow", slow), slowFraction);
    }
}
