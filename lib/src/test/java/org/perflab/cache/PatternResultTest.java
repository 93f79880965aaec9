package org.perflab.cache;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.perflab.latency.LatencyEstimates;
import org.perflab.latency.LatencySummary;
import org.perflab.verdict.Estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatternResultTest {

    private static Histogram latencies(long nanos, int count) {
        Histogram histogram = new Histogram(3);
        for (int i = 0; i < count; i++) {
            histogram.recordValue(nanos + i);
        }
        return histogram;
    }

    private static PatternResult result(Histogram reads, Histogram writes) {
        return new PatternResult("cache-aside", "Caffeine", 1, reads.getTotalCount(), writes.getTotalCount(),
                LatencySummary.of(reads), LatencySummary.of(writes), 0.9, 10, 5, 15, 0, 100, 0, 0, reads, writes);
    }

    @Test
    void theHistogramsAreCopiesBothWays() {
        Histogram reads = latencies(1_000, 900);
        Histogram writes = latencies(200_000, 100);
        PatternResult result = result(reads, writes);
        reads.reset();
        assertEquals(900, result.readHistogram().getTotalCount(), "the constructor copies");
        result.writeHistogram().reset();
        assertEquals(100, result.writeHistogram().getTotalCount(), "the accessor hands out a copy");
        assertEquals(result.readLatency().p50Nanos(), result.readHistogram().getValueAtPercentile(50));
    }

    @Test
    void twoResultsMedianRatioHasAnIntervalAroundIt() {
        PatternResult fast = result(latencies(1_000, 900), latencies(20_000, 100));
        PatternResult slow = result(latencies(1_000, 900), latencies(200_000, 100));
        Estimate ratio = LatencyEstimates.percentileRatio(slow.writeHistogram(), fast.writeHistogram(), 50);
        assertEquals((double) slow.writeLatency().p50Nanos() / fast.writeLatency().p50Nanos(), ratio.value(), 1e-9);
        assertTrue(ratio.low() <= ratio.value() && ratio.value() <= ratio.high() && ratio.low() < ratio.high(), ratio.toString());
        assertTrue(ratio.low() > 9 && ratio.high() < 11, ratio.toString());
    }

    @Test
    void toStringCountsTheSamplesInsteadOfDumpingThem() {
        String text = result(latencies(1_000, 900), latencies(20_000, 100)).toString();
        assertTrue(text.contains("readHistogram=900 samples, writeHistogram=100 samples"), text);
        assertTrue(!text.contains("\n"), text);
    }

    @Test
    void histogramsAreRequired() {
        assertThrows(NullPointerException.class, () -> result(latencies(1, 2), null));
    }
}
