package org.perflab.pool;

import org.junit.jupiter.api.Test;
import org.perflab.db.Database;
import org.perflab.db.TestDatabases;
import tech.tablesaw.api.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pool behaviour that needs no database server: reuse counted in physical connections, the sampler,
 * flood accounting, and the builder's limits. The same pools on PostgreSQL are {@link PoolIT}.
 */
class PoolTest {

    @Test
    void aPoolOpensEachPhysicalConnectionOnceAndLendsItAgain() throws Exception {
        try (Database database = TestDatabases.open(TestDatabases.H2, "perflab-test-reuse")) {
            ConnectionCounter perRequest = new ConnectionCounter(database.dataSource());
            ConnectionCosts.timeRequests(perRequest.dataSource(), "SELECT 1", 50);
            assertEquals(50, perRequest.opened(), "without a pool every request opens its own connection");

            ConnectionCounter pooled = new ConnectionCounter(database.dataSource());
            try (ExperimentPool pool = ExperimentPool.builder(database).maximumPoolSize(2)
                    .connectionSource(pooled.dataSource()).build()) {
                ConnectionCosts.timeRequests(pool.dataSource(), "SELECT 1", 50);
                ConnectionCosts.timeAcquisitions(pool.dataSource(), 50);
                assertTrue(pooled.opened() >= 1 && pooled.opened() <= 2,
                        "100 borrows from a pool of 2 opened " + pooled.opened() + " connections");
            }
        }
    }

    @Test
    void samplerSeesThreadsWaitingForAnExhaustedPool() throws Exception {
        try (Database database = TestDatabases.open(TestDatabases.H2, "perflab-test-sampler");
             ExperimentPool pool = ExperimentPool.builder(database).name("sampled").maximumPoolSize(1)
                     .connectionTimeout(Duration.ofSeconds(1)).build()) {
            PoolSampler sampler = PoolSampler.start(pool, Duration.ofMillis(5));
            try {
                Connection held = pool.dataSource().getConnection();
                CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
                    try {
                        pool.dataSource().getConnection().close();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
                while (sampler.maxWaiting() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                held.close();
                waiter.get(2, TimeUnit.SECONDS);
            } finally {
                sampler.close();
            }
            Table table = sampler.toTable();
            System.out.println("[pool] sampled " + table.rowCount() + " rows; max waiting " + sampler.maxWaiting());
            assertEquals(List.of("elapsed_ms", "active", "idle", "waiting", "total"), table.columnNames());
            assertEquals(1, sampler.maxWaiting());
            assertTrue(table.rowCount() >= 2);
        }
    }

    @Test
    void samplerUsesTheInjectedClock() {
        long[] now = {1_000_000_000L};
        PoolSampler sampler = new PoolSampler(() -> new PoolSnapshot(1, 2, 0, 3), () -> now[0]);
        sampler.sampleNow();
        now[0] += TimeUnit.MILLISECONDS.toNanos(250);
        sampler.sampleNow();
        Table table = sampler.toTable();
        assertEquals(0L, table.longColumn("elapsed_ms").get(0));
        assertEquals(250L, table.longColumn("elapsed_ms").get(1));
        assertEquals(3, table.intColumn("total").get(1));
    }

    @Test
    void floodCountsTooManyClientsApartFromOtherFailures() {
        int[] calls = {0};
        javax.sql.DataSource limited = new FakeLimitedDataSource(() -> {
            calls[0]++;
            if (calls[0] == 5) {
                throw new SQLException("FATAL: password authentication failed", "28P01");
            }
            if (calls[0] > 3) {
                throw new SQLException("FATAL: sorry, too many clients already", ConnectionFlood.TOO_MANY_CLIENTS);
            }
        });
        ConnectionFlood.Result result = ConnectionFlood.openAndHold(limited, 6);
        System.out.println("[pool] " + result.describe());
        assertEquals(3, result.opened());
        assertEquals(2, result.tooManyClients());
        assertEquals(1, result.otherFailures());
        assertTrue(result.firstError().contains("53300"));
    }

    @Test
    void builderRejectsImpossibleValuesNamingTheLimit() {
        try (Database database = TestDatabases.open(TestDatabases.H2, "perflab-test-builder")) {
            IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
                    () -> ExperimentPool.builder(database).connectionTimeout(Duration.ofMillis(100)));
            assertEquals("connectionTimeout must be between PT0.25S and PT1H, was PT0.1S: give at least 250 ms,"
                    + " HikariCP's floor (it silently raises anything lower), e.g. Duration.ofSeconds(1)",
                    timeout.getMessage());
            IllegalArgumentException idle = assertThrows(IllegalArgumentException.class,
                    () -> ExperimentPool.builder(database).maximumPoolSize(2).minimumIdle(3).build());
            assertEquals("minimumIdle must be <= maximumPoolSize (2), was 3: lower minimumIdle or raise maximumPoolSize",
                    idle.getMessage());
            assertThrows(IllegalArgumentException.class, () -> PoolSampler.start(null, Duration.ZERO));
        }
    }
}
