package org.perflab.scaling;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perflab.db.Database;
import org.perflab.db.TestDatabases;
import org.perflab.pool.ExperimentPool;
import org.perflab.testing.Services;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Services
class WorkerSweepIT {

    @ParameterizedTest
    @MethodSource("org.perflab.db.TestDatabases#backends")
    void databaseWorkWaitsOnTheDatabaseThroughThePool(String backend) throws Exception {
        try (Database database = TestDatabases.open(backend, TestDatabases.uniqueApplicationName("dbwork"));
             ExperimentPool pool = ExperimentPool.builder(database).maximumPoolSize(2).build()) {
            DatabaseWork work = DatabaseWork.waiting(pool.dataSource(), Duration.ofMillis(20), database.isPostgres());
            long start = System.nanoTime();
            work.call();
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs >= 19, "a request lasts at least its wait: " + elapsedMs + " ms");
            assertTrue(work.toString().contains(database.isPostgres() ? "pg_sleep" : "SIMULATED"), work.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> DatabaseWork.waiting(new org.h2.jdbcx.JdbcDataSource(), Duration.ofMillis(-1), false));
    }
}
