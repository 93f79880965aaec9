package org.perflab.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundTripSweepTest {

    @ParameterizedTest
    @MethodSource("org.perflab.db.TestDatabases#backends")
    void countsEachStrategysRoundTripsAtEverySize(String backend) throws SQLException {
        try (Database database = TestDatabases.open(backend, TestDatabases.uniqueApplicationName("sweep"));
             Schema schema = Schema.create(database, "sweep")) {
            BlogDataset.builder().authors(50).posts(300).commentsPerPost(0).build().load(schema);
            StatementCounter counter = StatementCounter.named("sweep");
            RoundTripSweepResult result = RoundTripSweep.builder(counter.wrap(schema.dataSource()), counter)
                    .strategy("N+1", PostsWithAuthors::loadOneQueryPerPost)
                    .strategy("JOIN", PostsWithAuthors::loadWithJoin)
                    .strategy("IN", (connection, n) -> PostsWithAuthors.loadWithBatchedIn(connection, n, 1_000))
                    .probe("one lookup", (connection, n) -> PostsWithAuthors.loadWithJoin(connection, 1))
                    .sizes(1, 10, 100, 200).warmups(1).repetitions(3)
                    .build().run();

            assertEquals(List.of("N+1", "JOIN", "IN", "one lookup"), result.strategies());
            for (int n : new int[] {1, 10, 100, 200}) {
                assertEquals(n + 1, result.roundTrips("N+1", n));
                assertEquals(1, result.roundTrips("JOIN", n));
                assertEquals(2, result.roundTrips("IN", n));
                assertEquals(1, result.roundTrips("one lookup", n));   // a probe: timed, counted, rows not compared
                assertEquals(3, result.point("N+1", n).latency().count());
            }
            RoundTripSweepResult.CostLine line = result.costLine("N+1");
            assertEquals(4, line.points());
            assertTrue(line.slopeMillisPerRow() > 0, line.describe());
            assertTrue(line.rSquared() >= 0 && line.rSquared() <= 1, line.describe());
            assertEquals(16, result.toTable().rowCount());
            assertEquals(List.of("strategy", "N", "round_trips", "runs", "p50_ms", "p90_ms", "p99_ms", "max_ms"),
                    result.toTable().columnNames());
        }
    }

    @Test
    void reportsThePauseEachRoundTripActuallyTookUnderASimulatedDelay() throws SQLException {
        try (Database database = TestDatabases.open(TestDatabases.H2, "perflab-test-sweep-delay");
             Schema schema = Schema.create(database, "sweep_delay")) {
            BlogDataset.builder().authors(5).posts(20).commentsPerPost(0).build().load(schema);
            StatementCounter near = StatementCounter.named("sweep-near");
            StatementCounter far = StatementCounter.named("sweep-far");
            SimulatedNetworkDelay delay = SimulatedNetworkDelay.perRoundTripMicros(300);
            RoundTripSweepResult nearResult = RoundTripSweep.builder(near.wrap(schema.dataSource()), near)
                    .strategy("N+1", PostsWithAuthors::loadOneQueryPerPost).sizes(5).warmups(0).repetitions(2)
                    .build().run();
            RoundTripSweepResult farResult = RoundTripSweep.builder(far.wrap(schema.dataSource(), delay), far)
                    .strategy("N+1", PostsWithAuthors::loadOneQueryPerPost).sizes(5).warmups(0).repetitions(2)
                    .build().run();
            assertEquals(0, nearResult.point("N+1", 5).simulatedDelayNanosPerRoundTrip());
            double paused = farResult.point("N+1", 5).simulatedDelayNanosPerRoundTrip();
            assertTrue(paused >= delay.delayNanos(), "paused " + paused + " ns per round trip");
            assertTrue(farResult.p50Millis("N+1", 5) >= 6 * 0.3, farResult.toTable().print());
        }
    }

    @Test
    void aStrategyThatLoadsOtherRowsIsRejected() throws SQLException {
        try (Database database = TestDatabases.open(TestDatabases.H2, "perflab-test-sweep-wrong");
             Schema schema = Schema.create(database, "sweep_wrong")) {
            BlogDataset.builder().authors(5).posts(20).commentsPerPost(0).build().load(schema);
            StatementCounter counter = StatementCounter.named("sweep-wrong");
            RoundTripSweep sweep = RoundTripSweep.builder(counter.wrap(schema.dataSource()), counter)
                    .strategy("JOIN", PostsWithAuthors::loadWithJoin)
                    .strategy("one row short", (connection, n) -> PostsWithAuthors.loadWithJoin(connection, n - 1))
                    .sizes(10).warmups(0).repetitions(1).build();
            IllegalStateException error = assertThrows(IllegalStateException.class, sweep::run);
            assertTrue(error.getMessage().contains("one row short returned 9 rows at N=10"), error.getMessage());
        }
    }

    @Test
    void misconfiguredSweepsFailWithTheReason() {
        StatementCounter counter = StatementCounter.named("sweep-config");
        javax.sql.DataSource none = counter.wrap(new org.h2.jdbcx.JdbcDataSource());
        assertThrows(IllegalStateException.class, () -> RoundTripSweep.builder(none, counter).build());
        RoundTripSweep.Builder builder = RoundTripSweep.builder(none, counter)
                .strategy("JOIN", PostsWithAuthors::loadWithJoin);
        assertThrows(IllegalArgumentException.class, () -> builder.strategy("JOIN", PostsWithAuthors::loadWithJoin));
        assertThrows(IllegalArgumentException.class, () -> builder.sizes());
        assertThrows(IllegalArgumentException.class, () -> builder.sizes(-1));
        assertThrows(IllegalArgumentException.class, () -> builder.repetitions(0));
        assertThrows(IllegalArgumentException.class, () -> builder.warmupTime(java.time.Duration.ofSeconds(-1)));
    }
}
