package org.perflab.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.perflab.verdict.Estimate;

class LatencyEstimatesTest {

    /** Exponential latencies with a 2 ms mean: p99 = 2 x ln(100) = 9.21 ms. */
    private static Histogram exponential(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        Histogram histogram = new Histogram(3);
        for (int i = 0; i < n; i++) {
            histogram.recordValue(Math.round(-Math.log(1 - random.nextDouble()) * 2e6));
        }
        return histogram;
    }

    @Test
    void aPercentilesIntervalCoversTheTrueValueAbout95PercentOfTheTime() {
        double trueP99 = 2 * Math.log(100);
        int covered = 0;
        for (int run = 0; run < 400; run++) {
            Estimate p99 = LatencyEstimates.percentileMillis(exponential(run, 5_000), 99);
            if (p99.low() <= trueP99 && trueP99 <= p99.high()) {
                covered++;
            }
            assertEquals(5_000, p99.repeats());
        }
        // Binomial(400, 0.95) stays above 370 with probability > 0.999; the histogram's 3 digits widen it a little.
        assertTrue(covered >= 370, covered + " of 400 covered");
    }

    @Test
    void theMeansIntervalAndARatioOfPercentilesBracketTheirTruth() {
        Estimate mean = LatencyEstimates.meanMillis(exponential(1, 20_000));
        assertTrue(mean.low() < 2 && mean.high() > 2, mean.describe());
        Estimate ratio = LatencyEstimates.percentileRatio(exponential(2, 20_000), exponential(3, 20_000), 99);
        assertTrue(ratio.low() < 1 && ratio.high() > 1, ratio.describe());
        assertTrue(ratio.high() / ratio.low() < 1.3, "20,000 samples pin a p99 ratio to within 30%: " + ratio.describe());
        assertThrows(IllegalArgumentException.class, () -> LatencyEstimates.percentileMillis(new Histogram(3), 99));
    }
}
