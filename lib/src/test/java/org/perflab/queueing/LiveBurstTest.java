package org.perflab.queueing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.perflab.charts.PlotlyFigures;

class LiveBurstTest {

    @Test
    void aBurstAboveCapacityBuildsTheQueueTheFluidModelPredicts() throws Exception {
        // Fixed 2 ms service (capacity 500/s, less as the timer overshoots on a busy machine); 200/s, then 1,500/s
        // for 200 ms: the queue grows by about 1,000/s for 0.2 s (about 200 inside) and drains at about 300/s.
        LiveBurst.Result result = LiveBurst.builder().serviceTime(Distribution.deterministic(Duration.ofMillis(2)))
                .baseRate(200).burstRate(1_500).burst(Duration.ofMillis(300), Duration.ofMillis(200))
                .runLength(Duration.ofMillis(2_600)).seed(3).build().run();

        assertEquals(result.fluidPeak(), result.peakInSystem(), 0.35 * result.fluidPeak(), result.toString());
        assertEquals(result.fluidDrainMs(), result.drainMs(result.calmLevel()), 0.5 * result.fluidDrainMs(), result.toString());
        double[][] p99 = result.p99OverTime(Duration.ofMillis(100));
        assertTrue(p99[p99.length - 1][1] < 50, "the queue drained before the end: last p99 " + p99[p99.length - 1][1]);
        double worst = java.util.Arrays.stream(p99).mapToDouble(w -> w[1]).max().orElseThrow();
        assertTrue(worst > 200, "requests sent at the burst's end waited for the queue: worst p99 " + worst);
        String json = PlotlyFigures.toJsonTree(result.queueChart("queue")).toString();
        assertTrue(json.contains("toself") && json.contains("fluid model"), json.substring(0, Math.min(400, json.length())));
        PlotlyFigures.toJsonTree(result.p99Chart("p99", Duration.ofMillis(100)));
    }

    @Test
    void fluidModelOfAResultIsArithmetic() {
        LiveBurst.Result result = new LiveBurst.Result(300, 2_000, 0.5, 0.7, 2.0,
                new double[] {0.6, 0.75, 1.0, 2.3}, new int[] {5, 300, 250, 1}, new double[0], new double[0]);

        assertEquals(300, result.fluidPeak(), 1e-9);          // (2,000 − 500) × 0.2
        assertEquals(1_500, result.fluidDrainMs(), 1e-9);     // 300 / (500 − 300)
        assertEquals(300, result.peakInSystem());
        assertEquals(2, result.calmLevel());                  // M/M/1 at 0.6 holds 1.5 on average
        assertEquals(1_600, result.drainMs(2), 1e-9);
        assertTrue(Double.isNaN(result.drainMs(0)));
    }

    @Test
    void arrivalsKeepTheBaseRateOutsideTheBurstAndTheBurstRateInside() {
        LiveBurst.Builder settings = LiveBurst.builder().serviceTime(Distribution.exponential(Duration.ofMillis(2)))
                .baseRate(300).burstRate(2_000).burst(Duration.ofMillis(500), Duration.ofMillis(500))
                .runLength(Duration.ofSeconds(20)).seed(11);
        settings.build();
        long[] offsets = LiveBurst.arrivals(settings);
        long inBurst = java.util.Arrays.stream(offsets).filter(t -> t >= 500_000_000L && t < 1_000_000_000L).count();

        assertEquals(1_000, inBurst, 100);                        // 2,000/s for 0.5 s; sd about 32
        assertEquals(300 * 19.5, offsets.length - inBurst, 250);  // 300/s for the other 19.5 s; sd about 76
        for (int i = 1; i < offsets.length; i++) {
            assertTrue(offsets[i] > offsets[i - 1], "offsets rise");
        }
    }

    @Test
    void refusesABurstThatEndsAfterTheRun() {
        assertThrows(IllegalArgumentException.class, () -> LiveBurst.builder().serviceTime(Distribution.exponential(Duration.ofMillis(2)))
                .baseRate(100).burstRate(1_000).burst(Duration.ofSeconds(1), Duration.ofSeconds(1)).runLength(Duration.ofSeconds(2)).build());
        assertThrows(IllegalArgumentException.class, () -> LiveBurst.builder().serviceTime(Distribution.exponential(Duration.ofMillis(2)))
                .baseRate(500).burstRate(100).build());
    }
}
