package org.perflab.scaling;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perflab.db.JdbcSettings;
import org.perflab.testing.Services;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.perflab.scaling.FleetTesting.get;

/** {@code db_ms} on the machine's PostgreSQL, through each instance's own pool. */
@Services
class ServiceFleetDatabaseIT {

    @AfterEach
    void noInstanceLeft() {
        assertEquals(List.of(), FleetTesting.liveInstances(), "instances outlived their test");
    }

    @Test
    void eachInstanceSleepsInTheDatabaseThroughItsOwnPool() throws Exception {
        JdbcSettings postgres = FleetTesting.postgres();
        try (ServiceFleet fleet = ServiceFleet.builder().instances(2).workers(3).database(postgres).start()) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> response = get(fleet.upstream(i), "/work?cpu_us=1000&db_ms=40");
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(response.body().contains("db_ms=40"), response.body());
                InstanceStats stats = fleet.stats(i);
                assertEquals(1, stats.requests());
                assertTrue(stats.busyNanos() >= TimeUnit.MILLISECONDS.toNanos(40), "pg_sleep(0.04) took less: " + stats);
                // The pool holds one connection per worker, opened before the instance said it was healthy.
                assertEquals(3, connectionsOf(postgres, "perflab-scaling-instance-" + (i + 1)));
            }
        }
        assertEquals(0, awaitConnections(postgres, "perflab-scaling-instance-1", 0));
    }

    @Test
    void aRequestThatFindsThePoolBusyFailsWith503AndCountsAsAnError() throws Exception {
        JdbcSettings postgres = FleetTesting.postgres();
        try (ServiceFleet fleet = ServiceFleet.builder().instances(1).workers(2).poolSize(1)
                .poolTimeout(Duration.ofMillis(300)).database(postgres).start()) {
            Upstream upstream = fleet.upstream(0);
            CompletableFuture<HttpResponse<String>> holder = CompletableFuture.supplyAsync(() -> {
                try {
                    return get(upstream, "/work?db_ms=3000");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitExecuting(fleet, 1);
            TimeUnit.MILLISECONDS.sleep(200);   // let it take the only connection
            HttpResponse<String> starved = get(upstream, "/work?db_ms=10");
            assertEquals(503, starved.statusCode(), starved.body());
            assertTrue(starved.body().contains("no database connection free within 300 ms"), starved.body());
            assertEquals(200, holder.get(20, TimeUnit.SECONDS).statusCode());
            assertEquals(1, fleet.stats(0).errors());
            assertEquals(2, fleet.stats(0).requests());
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerFailsTheStartWithTheInstanceOutput() {
        JdbcSettings unreachable = new JdbcSettings("jdbc:postgresql://127.0.0.1:1/test", "postgres", null);
        IllegalStateException failure = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ServiceFleet.builder().instances(1).database(unreachable).start());
        assertTrue(failure.getMessage().contains("instance-1"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Could not connect to the configured database"), failure.getMessage());
    }

    private static void awaitExecuting(ServiceFleet fleet, int executing) throws InterruptedException {
        for (int attempt = 0; attempt < 200 && fleet.stats(0).executing() < executing; attempt++) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertEquals(executing, fleet.stats(0).executing());
    }

    private static int awaitConnections(JdbcSettings postgres, String applicationName, int expected) throws Exception {
        int count = -1;
        for (int attempt = 0; attempt < 50; attempt++) {
            count = connectionsOf(postgres, applicationName);
            if (count == expected) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return count;
    }

    private static int connectionsOf(JdbcSettings postgres, String applicationName) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            query.setString(1, applicationName);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
