package org.perflab.queueing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistributionTest {

    private static final int SAMPLES = 400_000;
    private static final Duration TEN_MS = Duration.ofMillis(10);

    private static double[] meanAndScv(Distribution distribution, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double x = distribution.sampleNanos(random);
            if (x < 0) {
                throw new AssertionError(distribution + " drew " + x);
            }
            sum += x;
            sumOfSquares += x * x;
        }
        double mean = sum / SAMPLES;
        double variance = sumOfSquares / SAMPLES - mean * mean;
        return new double[] {mean, variance / (mean * mean)};
    }

    @Test
    void sampleMomentsMatchTheStatedOnes() {
        List<Distribution> distributions = List.of(
                Distribution.exponential(TEN_MS),
                Distribution.poissonGaps(300),
                Distribution.uniform(Duration.ofMillis(5), Duration.ofMillis(15)),
                Distribution.lognormal(TEN_MS, 0.5),
                Distribution.bimodal(Duration.ofMillis(1), Duration.ofMillis(100), 0.05));
        for (Distribution distribution : distributions) {
            double[] moments = meanAndScv(distribution, 3);
            assertEquals(distribution.meanNanos(), moments[0], distribution.meanNanos() * 0.01, distribution.toString());
            assertEquals(distribution.squaredCoefficientOfVariation(), moments[1],
                    distribution.squaredCoefficientOfVariation() * 0.05, distribution.toString());
        }
    }

    @Test
    void statedMomentsAreTheTextbookOnes() {
        assertEquals(10e6, Distribution.exponential(TEN_MS).meanNanos(), 0);
        assertEquals(1, Distribution.exponential(TEN_MS).squaredCoefficientOfVariation(), 0);
        assertEquals(0, Distribution.deterministic(TEN_MS).squaredCoefficientOfVariation(), 0);
        assertEquals(10e6, Distribution.deterministic(TEN_MS).sampleNanos(new SplittableRandom(1)), 0);
        assertEquals(Math.expm1(1), Distribution.lognormal(TEN_MS, 1).squaredCoefficientOfVariation(), 1e-12);
        // 95% at 1 ms, 5% at 100 ms: mean 5.95 ms.
        assertEquals(5.95e6, Distribution.bimodal(Duration.ofMillis(1), Duration.ofMillis(100), 0.05).meanNanos(), 1e-3);
        assertEquals(0.010, Distribution.exponential(TEN_MS).meanSec(), 1e-15);
    }

    @Test
    void theSameSeedDrawsTheSameValues() {
        Distribution distribution = Distribution.lognormal(TEN_MS, 1);
        SplittableRandom first = new SplittableRandom(11);
        SplittableRandom second = new SplittableRandom(11);
        for (int i = 0; i < 1000; i++) {
            assertEquals(distribution.sampleNanos(first), distribution.sampleNanos(second), 0.0);
        }
    }

    @Test
    void impossibleParametersAreRejectedByName() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Distribution.exponential(Duration.ZERO));
        assertEquals("mean must be > 0, was PT0S: give a duration longer than zero, e.g. Duration.ofMillis(5)", zero.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Distribution.uniform(Duration.ofMillis(5), Duration.ofMillis(5)));
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> Distribution.bimodal(TEN_MS, TEN_MS, 1.5));
        assertTrue(fraction.getMessage().startsWith("slowFraction must be between 0.0 and 1.0, was 1.5: "));
        assertThrows(IllegalArgumentException.class, () -> Distribution.lognormal(TEN_MS, 0));
    }

    @Test
    void poissonGapsKeepTheExactMean() {
        // 1/3 ms is not a whole number of nanoseconds; a Duration would have rounded it.
        assertEquals(1e9 / 3000, Distribution.poissonGaps(3000).meanNanos(), 1e-9);
        assertEquals(1, Distribution.poissonGaps(3000).squaredCoefficientOfVariation());
        assertThrows(IllegalArgumentException.class, () -> Distribution.poissonGaps(0));
        assertThrows(IllegalArgumentException.class, () -> Distribution.poissonGaps(Double.POSITIVE_INFINITY));
    }
}
