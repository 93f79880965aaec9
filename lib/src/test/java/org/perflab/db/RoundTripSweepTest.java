package org.perflab.db;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The round-trip sweep's delay, strategy checks and settings, on H2. The counts on both backends are
 * {@link RoundTripSweepIT}.
 */
class RoundTripSweepTest {

    @Test
    void reportsThePauseEachRoundTripActuallyTookUnderASimulatedDelayAndTheProbeTimesIt() throws SQLException {
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

            // The probe times lookups through what the data source adds: every lookup it reports holds its pause.
            RoundTripProbe probe = RoundTripProbe.authorLookups(5, 10);
            try (var connection = far.wrap(schema.dataSource(), delay).getConnection()) {
                far.reset();
                assertEquals(0, far.snapshot().simulatedDelayMillisPerRoundTrip(), "no round trip yet");
                double lookupMs = probe.millisPerLookup(connection, 20);
                StatementCounts counts = far.snapshot();
                assertEquals(20, counts.roundTrips());
                double pauseMs = counts.simulatedDelayMillisPerRoundTrip();
                assertTrue(pauseMs >= 0.3, "paused " + pauseMs + " ms per round trip");
                assertTrue(lookupMs >= pauseMs, "a lookup (" + lookupMs + " ms) includes its pause (" + pauseMs + " ms)");
                assertThrows(IllegalArgumentException.class, () -> probe.millisPerLookup(connection, 0));
            }
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
