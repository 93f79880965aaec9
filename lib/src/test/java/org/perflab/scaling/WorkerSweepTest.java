package org.perflab.scaling;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Worker sweeps over in-process work. Database work on both backends is {@link WorkerSweepIT}.
 */
class WorkerSweepTest {

    @Test
    void measuresEachWorkerCountInOrderWithItsResources() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostConcurrent = new AtomicInteger();
        CpuWork cpu = CpuWork.ofRounds(20_000);
        WorkerSweepResult result = WorkerSweep.builder("cpu", () -> {
                    mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    try {
                        cpu.call();
                    } finally {
                        concurrent.decrementAndGet();
                    }
                })
                .workers(1, 3)
                .warmup(Duration.ZERO)
                .measure(Duration.ofMillis(200))
                .gauge("in flight", concurrent::get)
                .build().run();

        assertEquals(List.of(1, 3), result.steps().stream().map(WorkerSweepResult.Step::size).toList());
        assertEquals(3, mostConcurrent.get(), "at most as many requests at once as workers, and all of them");
        for (WorkerSweepResult.Step step : result.steps()) {
            assertTrue(step.load().completed() > 0);
            assertEquals(0, step.load().failed());
            assertTrue(step.throughputPerSec() > 0);
            assertTrue(step.resources().gauge("in flight").max() <= step.size());
        }
        Table table = result.table();
        assertEquals(2, table.rowCount());
        assertTrue(table.columnNames().contains("in flight mean"), table.columnNames().toString());
        assertTrue(!table.columnNames().contains("requests/s, each round"), "one round: no per-round column");
        assertEquals(2, result.concurrency().length);
        assertEquals(result.step(3).throughputPerSec() / result.step(1).throughputPerSec(), result.speedup(1, 3), 1e-9);
        assertTrue(result.chart("sweep").asJavascript("x").contains("p99"));
        assertTrue(!result.chart("sweep").asJavascript("x").contains("ideal linear"), "threads: the cores are marked instead");
        WorkerSweepResult asInstances = new WorkerSweepResult("fleet", "cpu", "instances", false, result.steps());
        String fleetChart = org.perflab.charts.PlotlyFigures.toJsonTree(asInstances.chart("fleet")).toString();
        assertTrue(fleetChart.contains("ideal linear: N"), fleetChart);
    }

    @Test
    void measuresEverySizeOncePerRoundAndReportsItsMedianRound() throws Exception {
        CpuWork cpu = CpuWork.ofRounds(5_000);
        WorkerSweepResult result = WorkerSweep.builder("rounds", cpu).workers(1, 2).rounds(3)
                .warmup(Duration.ZERO).measure(Duration.ofMillis(50)).build().run();

        assertEquals(3, result.rounds());
        for (int size : new int[]{1, 2}) {
            List<WorkerSweepResult.Step> windows = result.windows(size);
            assertEquals(3, windows.size());
            double[] sorted = windows.stream().mapToDouble(WorkerSweepResult.Step::throughputPerSec).sorted().toArray();
            assertEquals(sorted[1], result.step(size).throughputPerSec(), 0.0, "the median round's window");
            assertTrue(windows.contains(result.step(size)));
        }
        assertEquals(result.step(2).throughputPerSec() / result.step(1).throughputPerSec(), result.speedup(1, 2), 1e-9);
        assertTrue(result.table().columnNames().contains("requests/s, each round"), result.table().columnNames().toString());
        assertThrows(IllegalArgumentException.class, () -> WorkerSweep.builder("x", cpu).rounds(0));
    }

    @Test
    void theMedianWindowIsTheMiddleThroughput() throws Exception {
        List<WorkerSweepResult.Step> windows = WorkerSweep.builder("three", () -> { }).workers(1).rounds(3)
                .warmup(Duration.ZERO).measure(Duration.ofMillis(50)).build().run().windows(1);
        WorkerSweepResult.Step median = WorkerSweepResult.medianWindow(windows);
        long below = windows.stream().filter(w -> w.throughputPerSec() < median.throughputPerSec()).count();
        long above = windows.stream().filter(w -> w.throughputPerSec() > median.throughputPerSec()).count();
        assertTrue(below <= 1 && above <= 1, "one window at most on either side of the median");
        assertThrows(IllegalArgumentException.class, () -> WorkerSweepResult.medianWindow(List.of()));
    }

    @Test
    void linearScalingCountsOnlyTheCoresOtherProcessesLeft() {
        assertEquals(2.0, WorkerSweepResult.linearSpeedup(1, 2, 2, 2), 1e-9, "idle two-core machine: 1 to 2 workers");
        assertEquals(1.0, WorkerSweepResult.linearSpeedup(2, 2, 16, 2), 1e-9, "past the cores: no more speed-up");
        assertEquals(1.2, WorkerSweepResult.linearSpeedup(1, 2, 2, 1.2), 1e-9, "others took 0.8 of a core at 2 workers");
        assertEquals(1.0, WorkerSweepResult.linearSpeedup(1, 0.5, 2, 0.5), 1e-9, "half a core all along: nothing to gain");
        assertEquals(1.5, WorkerSweepResult.linearSpeedup(2, 1.2, 16, 1.8), 1e-9);
    }

    @Test
    void usableCoresAreThisJvmsPlusTheIdleOnes() {
        assertEquals(2.0, usage(0.5, 1.0).usableCores(), 1e-9, "one core used by this JVM, one idle");
        assertEquals(1.2, usage(1.0, 1.2).usableCores(), 1e-9, "busy machine: others hold 0.8 of a core");
        assertEquals(2.0, usage(0.4, 1.0).usableCores(), 1e-9, "capped at the cores (the two figures come from different samples)");
        assertEquals(2.0, usage(Double.NaN, 1.0).usableCores(), 1e-9, "unknown busy share: all cores");
    }

    private static ResourceUsage usage(double cpuUtilization, double processCores) {
        return new ResourceUsage(2, 1.0, cpuUtilization, 0, processCores, 0, 10, java.util.Map.of(), List.of());
    }

    @Test
    void countsFailuresInsteadOfStopping() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        WorkerSweepResult result = WorkerSweep.builder("failing", () -> {
            if (calls.incrementAndGet() % 2 == 0) {
                throw new IllegalStateException("every second request fails");
            }
        }).workers(2).warmup(Duration.ZERO).measure(Duration.ofMillis(100)).build().run();
        assertTrue(result.step(2).load().failed() > 0);
        assertTrue(result.step(2).load().completed() > 0);
    }

    @Test
    void rejectsBadSizes() {
        WorkerSweep.Builder builder = WorkerSweep.builder("x", () -> { });
        assertThrows(IllegalArgumentException.class, () -> builder.workers());
        assertThrows(IllegalArgumentException.class, () -> builder.workers(0));
        assertThrows(IllegalArgumentException.class, () -> builder.measure(Duration.ofMillis(1)));
        assertThrows(IllegalArgumentException.class, () -> builder.warmup(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> result().step(7));
    }

    @Test
    void cpuWorkIsAFixedAmountOfComputation() {
        CpuWork work = CpuWork.calibrated(Duration.ofMillis(1));
        assertTrue(work.rounds() > 1_000, "a millisecond is many rounds on any machine: " + work);
        assertEquals(5, CpuWork.ofRounds(5).rounds());
        assertThrows(IllegalArgumentException.class, () -> CpuWork.ofRounds(0));
        assertThrows(IllegalArgumentException.class, () -> CpuWork.calibrated(Duration.ofNanos(10)));
    }

    private static WorkerSweepResult result() throws Exception {
        return WorkerSweep.builder("one", () -> { }).workers(1).warmup(Duration.ZERO).measure(Duration.ofMillis(50)).build().run();
    }
}
