package org.perflab.load;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.perflab.check.Require;

/**
 * When requests are meant to start, decided before the run and independent of every response:
 * that independence is what makes a generator open-loop.
 *
 * <ul>
 *   <li>{@link #constantRate}: one request every {@code 1 / rate} seconds, exactly (offsets are
 *       computed from the request index, so rounding never accumulates into drift).</li>
 *   <li>{@link #poisson}: independent arrivals, exponentially distributed gaps with mean
 *       {@code 1 / rate} (the M in M/M/1), drawn from a seeded {@link SplittableRandom}: the same
 *       seed gives the same schedule on every machine. The seed is part of {@link #toString()} so
 *       a printed result can be reproduced.</li>
 * </ul>
 */
public final class ArrivalSchedule {

    /** One request per nanosecond; beyond that {@link System#nanoTime()} cannot tell requests apart. */
    public static final double MAX_ARRIVAL_RATE_PER_SEC = TimeUnit.SECONDS.toNanos(1);

    private enum Kind { CONSTANT, POISSON }

    private final Kind kind;
    private final double arrivalRatePerSec;
    private final long seed;

    private ArrivalSchedule(Kind kind, double arrivalRatePerSec, long seed) {
        Require.that(arrivalRatePerSec > 0 && arrivalRatePerSec <= MAX_ARRIVAL_RATE_PER_SEC, "arrivalRatePerSec",
                arrivalRatePerSec, "> 0 and <= " + MAX_ARRIVAL_RATE_PER_SEC,
                "give the mean requests per second, e.g. 100; above one per nanosecond no clock can pace them");
        this.kind = kind;
        this.arrivalRatePerSec = arrivalRatePerSec;
        this.seed = seed;
    }

    public static ArrivalSchedule constantRate(double arrivalRatePerSec) {
        return new ArrivalSchedule(Kind.CONSTANT, arrivalRatePerSec, 0);
    }

    public static ArrivalSchedule poisson(double arrivalRatePerSec, long seed) {
        return new ArrivalSchedule(Kind.POISSON, arrivalRatePerSec, seed);
    }

    /** Poisson arrivals with a fresh seed, readable from {@link #seed()} and {@link #toString()}. */
    public static ArrivalSchedule poisson(double arrivalRatePerSec) {
        return poisson(arrivalRatePerSec, new SplittableRandom().nextLong());
    }

    public double arrivalRatePerSec() {
        return arrivalRatePerSec;
    }

    public double meanIntervalNanos() {
        return TimeUnit.SECONDS.toNanos(1) / arrivalRatePerSec;
    }

    /** The seed of a Poisson schedule; empty for a constant rate, which has no randomness. */
    public OptionalLong seed() {
        return kind == Kind.POISSON ? OptionalLong.of(seed) : OptionalLong.empty();
    }

    /**
     * A fresh sequence of intended start offsets in nanoseconds from the start of the run,
     * non-decreasing, beginning at 0. Each call starts over from the same seed.
     */
    LongSupplier newOffsetSequence() {
        double meanIntervalNanos = meanIntervalNanos();
        if (kind == Kind.CONSTANT) {
            long[] index = {0};
            return () -> (long) (index[0]++ * meanIntervalNanos);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] offsetNanos = {0};
        boolean[] first = {true};
        return () -> {
            if (first[0]) {
                first[0] = false;
                return 0;
            }
            // Inverse transform: -ln(1 - U) is exponential with mean 1; 1 - U is never 0.
            offsetNanos[0] += -Math.log1p(-random.nextDouble()) * meanIntervalNanos;
            return (long) offsetNanos[0];
        };
    }

    @Override
    public String toString() {
        String rate = String.format(Locale.ROOT, "%.1f req/s", arrivalRatePerSec);
        return kind == Kind.CONSTANT ? "constant " + rate : "poisson " + rate + " (seed " + seed + ")";
    }
}
