package org.perflab.pool;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.perflab.charts.PlotlyFigures;
import org.perflab.db.Database;
import org.perflab.db.TestDatabases;
import org.perflab.verdict.Estimate;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pooling notebook's experiments on an in-process H2, where {@code pg_sleep} is an alias that parks the calling
 * thread: a pool below arrival rate x hold time falls behind and one well above it keeps up, a burst is served in
 * waves of the pool's size, and the sampled series' intervals.
 */
class PoolExperimentsTest {

    private static Database h2WithSleep(String name) throws Exception {
        Database database = TestDatabases.open(TestDatabases.H2, name);
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE ALIAS IF NOT EXISTS pg_sleep AS 'void sleep(double seconds) {"
                    + " java.util.concurrent.locks.LockSupport.parkNanos((long) (seconds * 1e9)); }'");
        }
        return database;
    }

    @Test
    void aPoolBelowRateTimesHoldFallsBehindAndOneWellAboveKeepsUp() throws Exception {
        try (Database database = h2WithSleep("perflab-test-sweep")) {
            // 200/s x 10 ms = 2 connections busy on average: 1 cannot keep up, 5 can.
            PoolSweep sweep = PoolSweep.builder(database, null).sql("SELECT pg_sleep(0.01)").ratePerSec(200)
                    .run(Duration.ofMillis(800)).build();
            List<PoolSweep.Point> points = sweep.run(1, 5);
            PoolSweep.Point one = points.get(0);
            PoolSweep.Point five = points.get(1);
            assertFalse(one.keptUp(), "a pool of 1 completed " + one.completedPerSec() + "/s of 200/s");
            assertTrue(one.completedPerSec() < 120, "a pool of 1 holding 10 ms serves at most 100/s but completed "
                    + one.completedPerSec());
            assertTrue(five.keptUp(), "a pool of 5 completed " + five.completedOverScheduled() + " of the schedule, "
                    + five.load().failed() + " failed");
            assertTrue(five.hold().meanMillis() >= 10, "each request held its connection at least the 10 ms sleep");
            assertEquals(2, PoolSweep.tableOf("sweep", points).rowCount());
        }
    }

    @Test
    void aBurstIsServedInWavesOfThePoolsSize() throws Exception {
        assertEquals(150, PoolBurst.slowestExpectedMs(30, 10, 50));
        assertEquals(160, PoolBurst.slowestExpectedMs(31, 10, 40));
        assertEquals(110, PoolBurst.servedWithinTimeout(150, 10, 50, 525));
        assertEquals(150, PoolBurst.servedWithinTimeout(150, 10, 50, 5_000));
        try (Database database = h2WithSleep("perflab-test-burst")) {
            PoolBurst.Result burst = new PoolBurst(database, null, 30, 10, 0.05).run(Duration.ofSeconds(2));
            assertEquals(30, burst.load().completed(), burst.describe());
            assertTrue(burst.maxTotal() <= 10, "the pool opened " + burst.maxTotal() + " connections");
            double slowest = burst.load().latency().maxMillis();
            assertTrue(slowest >= 145 && slowest < 400, "3 waves of 50 ms took " + slowest + " ms");
            assertThrows(IllegalArgumentException.class, () -> new PoolBurst(database, null, 0, 1, 1));
        }
    }

    @Test
    void theTimelineChartDrawsItsSamplesAsLinesOnTwoTitledAxes() throws Exception {
        try (Database database = h2WithSleep("perflab-test-timeline")) {
            PoolTimeline.Result run = PoolTimeline.builder(database, null).poolSize(2).holdSeconds(0.01)
                    .steady(50, Duration.ofMillis(900)).burst(300, Duration.ofMillis(200), Duration.ofMillis(300)).run();
            assertEquals(run.burstStartMs() + 300, run.burstEndMs());
            assertTrue(run.samples().rowCount() > 50, "10 ms samples over 0.9 s: " + run.samples().rowCount());
            assertTrue(run.capacityPerSec() > 100 && run.capacityPerSec() <= 200, "2 connections / 10 ms: " + run.capacityPerSec());
            assertEquals(run.between("active", 0, 400).length, run.elapsedBetween(0, 400).length);
            String json = PlotlyFigures.toJson(run.chart("timeline"));
            assertFalse(json.contains("\"markers\"") || json.contains("lines+markers"), json);
            assertTrue(json.contains("connections (count)") && json.contains("time since the start (ms)"), json);
        }
    }

    @Test
    void batchMeansAndGrowthRatesAreStudentIntervalsOverBatches() {
        Estimate flat = PoolRequests.batchMeans(new double[] {1, 3, 1, 3, 1, 3, 1, 3}, 4, x -> x * 10);
        assertEquals(20, flat.value(), 1e-9);
        assertTrue(flat.isPoint(), "every batch has mean 2: " + flat);
        // A queue growing by 1 every 10 ms grows 100/s in every batch.
        double[] at = new double[40];
        double[] waiting = new double[40];
        for (int i = 0; i < 40; i++) {
            at[i] = 10 * i;
            waiting[i] = i;
        }
        assertEquals(100, PoolRequests.growthPerSecond(at, waiting, 4).value(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> PoolRequests.batchMeans(new double[] {1}, 2, x -> x));
        assertThrows(IllegalArgumentException.class, () -> PoolRequests.growthPerSecond(at, new double[3], 2));
    }

    @Test
    void serverCpuReadsUserPlusSystemTicksAfterACommandNameWithSpaces() throws Exception {
        String line = "4242 (postgres: perflab test (x)) S 1 2 3 4 5 6 7 8 9 10 250 75 0 0 20 0 1 0 100 200 300";
        assertEquals(325, ServerCpu.cpuTicks(line));
        // This JVM's own line parses, and H2 has no server processes: NaN rather than a made-up number.
        assertTrue(ServerCpu.cpuTicks(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"))) >= 0);
        try (Database database = TestDatabases.open(TestDatabases.H2, "perflab-test-cpu")) {
            assertTrue(Double.isNaN(ServerCpu.of(database, database.dataSource()).seconds()));
        }
    }

    @Test
    void saturationRunsOfOneSizeAddUp() {
        Histogram a = new Histogram(3);
        Histogram b = new Histogram(3);
        a.recordValue(1_000_000);
        b.recordValue(3_000_000);
        CpuSaturation.Point sum = new CpuSaturation.Point(5, 10, 1, a, a, 0.5).plus(new CpuSaturation.Point(5, 30, 1, b, b, 1.5));
        assertEquals(20, sum.perSec(), 1e-9);
        assertEquals(20, sum.perServerCpuSecond(), 1e-9);
        assertEquals(1, sum.serverCores(), 1e-9);
        assertEquals(2, sum.query().getTotalCount());
        assertThrows(IllegalArgumentException.class, () -> sum.plus(new CpuSaturation.Point(6, 1, 1, a, a, 0)));
        assertEquals(1, CpuSaturation.tableOf("t", List.of(sum)).rowCount());
    }
}
