package org.perflab.cache;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cost ladder on in-process steps: warm-ups, rounds back and forth, ratios round by round. */
class CostLadderTest {

    @Test
    void timesEveryStepAndRejectsDuplicates() {
        CostLadder ladder = CostLadder.builder().step("cheap", 10, 100, () -> 1).step("dearer", 1, 5, () -> {
            Thread.sleep(2);
            return 2;
        }).build().run();
        assertEquals(100, ladder.summary("cheap").count());
        assertEquals(5, ladder.summary("dearer").count());
        assertTrue(ladder.medianRatio("dearer", "cheap") > 1);
        assertEquals(2, ladder.toTable().rowCount());
        assertThrows(IllegalArgumentException.class, () -> CostLadder.builder().step("a", 0, 1, () -> 1)
                .step("a", 0, 1, () -> 1));
        assertThrows(IllegalArgumentException.class, () -> ladder.summary("missing"));
    }

    @Test
    void warmsUpEveryStepThenInterleavesTheRoundsBackAndForth() {
        List<String> calls = new ArrayList<>();
        CostLadder ladder = CostLadder.builder().rounds(3)
                .step("a", 1, 6, () -> calls.add("a"))
                .step("b", 2, 3, () -> calls.add("b"))
                .build().run();
        assertEquals(List.of("a", "b", "b",             // warm-ups, step by step
                "a", "a", "b",                               // round 0: in order
                "b", "a", "a",                               // round 1: reversed
                "a", "a", "b"), calls);                      // round 2: in order
        assertEquals(6, ladder.summary("a").count());
        assertEquals(3, ladder.summary("b").count());
        assertEquals(3, ladder.rounds());
    }

    @Test
    void comparesStepsRoundByRoundAndTakesTheMedian() {
        // "slow" costs about 2 ms, "fast" nothing, except in round 1, where a simulated busy moment makes
        // "fast" cost 50 ms: that round's ratio is below 1, the median of the rounds is not. The busy
        // moment is 25 times the slow step, so a late wake-up on a loaded machine cannot flip it.
        int[] fastCalls = {0};
        CostLadder ladder = CostLadder.builder().rounds(3)
                .step("fast", 0, 6, () -> {
                    fastCalls[0]++;
                    if (fastCalls[0] > 2 && fastCalls[0] <= 4) {
                        LockSupport.parkNanos(50_000_000);
                    }
                    return 1;
                })
                .step("slow", 0, 3, () -> {
                    LockSupport.parkNanos(2_000_000);
                    return null;
                })
                .build().run();
        double[] ratios = ladder.roundRatios("slow", "fast");
        assertEquals(3, ratios.length);
        assertTrue(ratios[0] > 10 && ratios[2] > 10, "fast calls take microseconds: " + java.util.Arrays.toString(ratios));
        assertTrue(ratios[1] < 1, "the busy round: " + ratios[1]);
        assertEquals(ratios[0] < ratios[2] ? ratios[0] : ratios[2], ladder.medianRatio("slow", "fast"), 1e-9);
        assertTrue(ladder.toTable().doubleColumn("p50_vs_previous").get(1) > 10);
        assertTrue(ladder.medianOverRounds("fast", org.perflab.latency.LatencySummary::maxMillis) < 25,
                "the busy round's 50 ms calls are not the typical round's slowest");
        assertTrue(ladder.summary("fast").maxMillis() >= 50);
    }

    @Test
    void skipsRoundsWhereAStepHadNoCalls() {
        CostLadder ladder = CostLadder.builder().rounds(4)
                .step("many", 0, 8, () -> 1)
                .step("few", 0, 2, () -> 2)
                .build().run();
        assertEquals(2, ladder.roundRatios("few", "many").length, "the two rounds that timed both steps");
        assertEquals(2, ladder.summary("few").count());
        assertThrows(IllegalArgumentException.class, () -> CostLadder.builder().rounds(0));
    }

    @Test
    void oneRoundIsTheRatioOfTheTwoMedians() {
        CostLadder ladder = CostLadder.builder()
                .step("a", 0, 5, () -> 1)
                .step("b", 0, 5, () -> {
                    LockSupport.parkNanos(1_000_000);
                    return 2;
                }).build().run();
        assertArrayEquals(new double[]{(double) ladder.summary("b").p50Nanos() / ladder.summary("a").p50Nanos()},
                ladder.roundRatios("b", "a"), 1e-9);
    }
}
