package org.perflab.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class LatencySummaryTest {

    private static final long FAST_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long SLOW_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Three significant digits: HdrHistogram reports any value within 0.1% of the recorded one. */
    private static final double PRECISION = 0.001;

    /** The seed's example: 990 requests at 50 ms and 10 at 5 s. */
    private static Histogram seedExample() {
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(FAST_NANOS, 990);
        histogram.recordValueWithCount(SLOW_NANOS, 10);
        return histogram;
    }

    private static void assertWithinPrecision(double expected, double actual, String what) {
        assertEquals(expected, actual, expected * PRECISION, what);
    }

    @Test
    void meanHidesTheSlowOnePercentAndP99IsStillFast() {
        LatencySummary summary = LatencySummary.of(seedExample());

        assertEquals(1000, summary.count());
        // (990 x 50 ms + 10 x 5000 ms) / 1000 = 99.5 ms: a latency no request had.
        assertWithinPrecision(99.5e6, summary.meanNanos(), "mean");
        assertWithinPrecision(FAST_NANOS, summary.p50Nanos(), "p50");
        assertWithinPrecision(FAST_NANOS, summary.p90Nanos(), "p90");
        assertWithinPrecision(FAST_NANOS, summary.p95Nanos(), "p95");
        // p99 needs ceil(0.99 x 1000) = 990 values at or below it: the 990th is the last fast one.
        assertWithinPrecision(FAST_NANOS, summary.p99Nanos(), "p99");
        // p99.9 needs 999 values: the slow tail appears only here.
        assertWithinPrecision(SLOW_NANOS, summary.p999Nanos(), "p99.9");
        assertWithinPrecision(SLOW_NANOS, summary.maxNanos(), "max");
        // HdrHistogram reports the top of a bucket: never below the recorded value.
        assertTrue(summary.p99Nanos() >= FAST_NANOS);
    }

    @Test
    void oneMoreSlowRequestMovesP99ToTheTail() {
        Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(FAST_NANOS, 989);
        histogram.recordValueWithCount(SLOW_NANOS, 11);

        assertWithinPrecision(SLOW_NANOS, LatencySummary.of(histogram).p99Nanos(), "p99");
    }

    @Test
    void millisecondAccessorsAndToStringUseMilliseconds() {
        LatencySummary summary = LatencySummary.of(seedExample());

        assertEquals(99.5, summary.meanMillis(), 99.5 * PRECISION);
        assertEquals(5000, summary.maxMillis(), 5000 * PRECISION);
        assertTrue(summary.toString().startsWith("count=1000 mean=99.5 ms p50=50.0 ms"), summary.toString());
        // 5 s lands in a bucket 4.2 ms wide; HdrHistogram reports its top, 5004 ms (within 0.1%).
        assertTrue(summary.toString().contains("p99.9=5004 ms max=5004 ms"), summary.toString());
    }

    @Test
    void emptyHistogramSummarizesToZeros() {
        assertSame(LatencySummary.EMPTY, LatencySummary.of(new Histogram(3)));
    }

    @Test
    void tableNamesEveryColumnWithItsUnit() {
        Map<String, LatencySummary> runs = new LinkedHashMap<>();
        runs.put("seed", LatencySummary.of(seedExample()));
        runs.put("empty", LatencySummary.EMPTY);

        Table table = LatencySummary.tableOf(runs);

        assertEquals(java.util.List.of("run", "count", "mean_ms", "p50_ms", "p90_ms", "p95_ms", "p99_ms",
                "p99_9_ms", "max_ms"), table.columnNames());
        assertEquals(2, table.rowCount());
        assertEquals("seed", table.stringColumn("run").get(0));
        assertEquals(50.0, table.doubleColumn("p99_ms").get(0), 50 * PRECISION);
        assertEquals(1, LatencySummary.EMPTY.toTable("only").rowCount());
    }

    @Test
    void spectrumRisesToTheMaximumAtOneHundredPercent() {
        PercentileSpectrum spectrum = PercentileSpectrum.of(seedExample());

        assertTrue(spectrum.points().size() > 5);
        PercentileSpectrum.Point previous = null;
        for (PercentileSpectrum.Point point : spectrum.points()) {
            if (previous != null) {
                assertTrue(point.percentile() >= previous.percentile());
                assertTrue(point.valueNanos() >= previous.valueNanos());
            }
            previous = point;
        }
        assertEquals(100.0, previous.percentile(), 1e-9);
        assertWithinPrecision(SLOW_NANOS, previous.valueNanos(), "last point");
        assertEquals(1000, previous.countAtOrBelow());
        assertEquals(java.util.List.of("percentile", "value_ms", "count_at_or_below"),
                spectrum.toTable().columnNames());
    }

    @Test
    void comparisonDividesCandidateByBaseline() {
        Histogram fast = new Histogram(3);
        fast.recordValueWithCount(FAST_NANOS, 1000);
        LatencySummary baseline = LatencySummary.of(fast);
        LatencySummary candidate = LatencySummary.of(seedExample());

        LatencyComparison comparison = LatencyComparison.of("all fast", baseline, "seed", candidate);

        assertEquals(1.0, comparison.ratio("p99"), 0.002);
        assertEquals(100.0, comparison.ratio("p99.9"), 0.2);
        assertEquals(1.99, comparison.ratio("mean"), 0.01);
        assertEquals(7, comparison.rows().size());
        assertEquals(java.util.List.of("statistic", "all_fast_ms", "seed_ms", "ratio"),
                comparison.toTable().columnNames());
        assertTrue(comparison.toString().contains("p99.9"));
    }
}
