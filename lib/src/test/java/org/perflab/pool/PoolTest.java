package org.perflab.pool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perflab.db.Database;
import org.perflab.db.Schema;
import org.perflab.db.TestDatabases;
import tech.tablesaw.api.Table;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolTest {

    @ParameterizedTest
    @MethodSource("org.perflab.db.TestDatabases#backends")
    void exhaustedPoolFailsWithHikariMessageCarryingPoolState(String backend) throws Exception {
        String applicationName = TestDatabases.uniqueApplicationName("exhaust");
        try (Database database = TestDatabases.open(backend, applicationName)) {
            try (ExperimentPool pool = ExperimentPool.builder(database).name("exhaust-" + backend).maximumPoolSize(2)
                    .connectionTimeoutMs(ExperimentPool.MIN_CONNECTION_TIMEOUT_MS).build()) {
                ExhaustionResult result = PoolExhaustion.borrowOneTooMany(pool);
                System.out.println("[pool] " + backend + " " + result.describe());
                assertEquals(SQLTransientConnectionException.class.getName(), result.exceptionType());
                assertTrue(result.message().contains("exhaust-" + backend + " - Connection is not available"),
                        result.message());
                assertTrue(result.message().contains("total=2, active=2, idle=0"), result.message());
                assertTrue(result.waitedMs() >= 200, "waited only " + result.waitedMs() + " ms");
                assertEquals(2, result.held());
            }
            if (database.isPostgres()) {
                assertEquals(0, TestDatabases.openConnections(database, applicationName),
                        "connections left open for " + applicationName);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.perflab.db.TestDatabases#backends")
    void pooledBorrowIsCheaperThanConnectionPerRequest(String backend) throws Exception {
        int repetitions = 50;
        try (Database database = TestDatabases.open(backend, TestDatabases.uniqueApplicationName("cost"));
             Schema schema = Schema.create(database, "cost");
             ExperimentPool pool = ExperimentPool.builder(database).name("cost-" + backend).maximumPoolSize(2)
                     .schema(schema).build()) {
            // Warm-up: class loading, JIT, the pool's first connections.
            ConnectionCosts.timeRequests(database.dataSource(), "SELECT 1", 5);
            ConnectionCosts.timeRequests(pool.dataSource(), "SELECT 1", 50);

            var unpooledAcquire = ConnectionCosts.timeAcquisitions(database.dataSource(), repetitions);
            var pooledAcquire = ConnectionCosts.timeAcquisitions(pool.dataSource(), repetitions);
            var unpooledRequest = ConnectionCosts.timeRequests(database.dataSource(), "SELECT 1", repetitions);
            var pooledRequest = ConnectionCosts.timeRequests(pool.dataSource(), "SELECT 1", repetitions);
            System.out.printf(java.util.Locale.ROOT, "[pool] %s acquire p50: new connection %.3f ms, pooled borrow"
                            + " %.4f ms; request (acquire + SELECT 1 + close) p50: per request %.3f ms, pooled %.3f ms;"
                            + " p99 %.3f vs %.3f ms (n=%d)%n", backend, unpooledAcquire.p50Millis(),
                    pooledAcquire.p50Millis(), unpooledRequest.p50Millis(), pooledRequest.p50Millis(),
                    unpooledRequest.p99Millis(), pooledRequest.p99Millis(), repetitions);
            if (database.isPostgres()) {
                assertTrue(pooledAcquire.p50Millis() * 10 < unpooledAcquire.p50Millis(),
                        "pooled borrow should be at least 10x cheaper than a new PostgreSQL connection");
            }
            try (Connection connection = pool.dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT current_schema()")) {
                row.next();
                assertEquals(schema.name(), row.getString(1));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.perflab.db.TestDatabases#backends")
    void poolOpensItsConnectionsFromTheConnectionSourceItIsGiven(String backend) throws Exception {
        try (Database database = TestDatabases.open(backend, TestDatabases.uniqueApplicationName("source"));
             Schema schema = Schema.create(database, "source");
             ExperimentPool pool = ExperimentPool.builder(database).maximumPoolSize(2)
                     .connectionSource(schema.dataSource()).build()) {
            pool.awaitFilled(Duration.ofSeconds(5));
            assertEquals(2, pool.snapshot().total(), "awaitFilled returned before both connections were open");
            try (Connection connection = pool.dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT current_schema()")) {
                row.next();
                assertEquals(schema.name(), row.getString(1), "the schema data source's connections, not the database's");
            }
        }
    }

    @Test
    void samplerSeesThreadsWaitingForAnExhaustedPool() throws Exception {
        try (Database database = TestDatabases.open(TestDatabases.H2, "perflab-test-sampler");
             ExperimentPool pool = ExperimentPool.builder(database).name("sampled").maximumPoolSize(1)
                     .connectionTimeoutMs(1_000).build()) {
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
    void floodOfAFewConnectionsOnPostgresOpensThemAllAndClosesThem() throws Exception {
        String applicationName = TestDatabases.uniqueApplicationName("flood");
        try (Database database = TestDatabases.open(TestDatabases.POSTGRES, applicationName)) {
            ConnectionFlood.Result result = ConnectionFlood.openAndHold(database.dataSource(), 3);
            assertEquals(3, result.opened(), result.describe());
            assertEquals(0, TestDatabases.openConnections(database, applicationName));
        }
    }

    @Test
    void builderRejectsImpossibleValuesNamingTheLimit() {
        try (Database database = TestDatabases.open(TestDatabases.H2, "perflab-test-builder")) {
            IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
                    () -> ExperimentPool.builder(database).connectionTimeoutMs(100));
            assertEquals("connectionTimeoutMs must be >= 250 (HikariCP's floor), got 100", timeout.getMessage());
            IllegalArgumentException idle = assertThrows(IllegalArgumentException.class,
                    () -> ExperimentPool.builder(database).maximumPoolSize(2).minimumIdle(3).build());
            assertTrue(idle.getMessage().contains("minimumIdle (3)"), idle.getMessage());
            assertThrows(IllegalArgumentException.class, () -> PoolSampler.start(null, Duration.ZERO));
        }
    }
}
