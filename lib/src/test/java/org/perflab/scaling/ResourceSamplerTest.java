package org.perflab.scaling;

import org.junit.jupiter.api.Test;
import org.perflab.db.Database;
import org.perflab.db.TestDatabases;

import java.sql.Connection;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ResourceSamplerTest {

    @Test
    void gaugesReportMeanAndMaximumOfTheirSamples() throws Exception {
        AtomicInteger value = new AtomicInteger(2);
        ResourceSampler sampler = ResourceSampler.builder().interval(Duration.ofMillis(2))
                .gauge("value", value::get).start();
        Thread.sleep(60);
        value.set(6);
        Thread.sleep(60);
        ResourceUsage usage = sampler.stop();
        assertTrue(usage.samples() >= 4, "sampled through the window: " + usage.samples());
        assertEquals(6, usage.gauge("value").max());
        assertTrue(usage.gauge("value").mean() > 2 && usage.gauge("value").mean() < 6, usage.gauges().toString());
        assertSame(usage, sampler.stop(), "stopping twice gives the same figures");
        assertThrows(IllegalArgumentException.class, () -> usage.gauge("missing"));
    }

    @Test
    void cpuFiguresCountABusyThreadOfThisJvm() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "needs Linux /proc");
        ResourceSampler sampler = ResourceSampler.start();
        long until = System.nanoTime() + 400_000_000L;
        CpuWork work = CpuWork.ofRounds(10_000);
        while (System.nanoTime() < until) {
            work.call();
        }
        ResourceUsage usage = sampler.stop();
        // One thread spun for the whole window: this JVM used some CPU, the machine was busy some of the time.
        assertTrue(usage.processCores() > 0.1 && usage.processCores() <= usage.cores() + 0.5, usage.toString());
        assertTrue(usage.cpuUtilization() > 0 && usage.cpuUtilization() <= 1, usage.toString());
        assertTrue(usage.runnableBeyondCores() >= 0, usage.toString());
        assertTrue(usage.postgresCores() >= 0, usage.toString());
    }

    @Test
    void countsTheCpuALocalPostgresSpendsOnAQuery() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "needs Linux /proc");
        try (Database database = TestDatabases.open(TestDatabases.POSTGRES, TestDatabases.uniqueApplicationName("pgcpu"))) {
            assumeTrue(database.jdbcUrl().contains("127.0.0.1") || database.jdbcUrl().contains("localhost"),
                    "PostgreSQL's processes are only visible when it runs on this machine");
            long before = ResourceSampler.postgresTicks();
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                // A few hundred milliseconds of the server's CPU, none of ours.
                statement.executeQuery("select count(*) from generate_series(1, 5000000)").close();
                // Read while the backend lives: an exited process's times are gone from /proc.
                long ticks = ResourceSampler.postgresTicks() - before;
                assertTrue(ticks >= 5, "the backend's CPU shows up in its /proc times: " + ticks + " ticks");
            }
        }
    }

    @Test
    void rejectsAnIntervalBelowAMillisecond() {
        assertThrows(IllegalArgumentException.class, () -> ResourceSampler.builder().interval(Duration.ofNanos(10)));
    }
}
