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
        assertEquals(2, result.concurrency().length);
        assertEquals(result.step(3).throughputPerSec() / result.step(1).throughputPerSec(), result.speedup(1, 3), 1e-9);
        assertTrue(result.chart("sweep").asJavascript("x").contains("p99"));
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
