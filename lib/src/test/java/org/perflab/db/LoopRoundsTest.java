package org.perflab.db;

import org.junit.jupiter.api.Test;
import org.perflab.verdict.Estimate;

import java.sql.SQLException;
import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe, the shuffled rounds and the weighted line, on H2 and on made-up times. */
class LoopRoundsTest {

    private static final int[] SIZES = {10, 20, 50, 100, 200, 500, 1_000};

    /** Times of 0.2 + 0.1 × N ms, with noise proportional to the time, as a loop of round trips shows. */
    private static LoopRoundsResult madeUp(double interceptMs, double slopeMs, double relativeNoise, int rounds) {
        SplittableRandom random = new SplittableRandom(7);
        double[][] times = new double[SIZES.length][rounds];
        for (int i = 0; i < SIZES.length; i++) {
            for (int r = 0; r < rounds; r++) {
                double exact = interceptMs + slopeMs * SIZES[i];
                times[i][r] = exact * (1 + relativeNoise * (random.nextDouble() * 2 - 1));
            }
        }
        return new LoopRoundsResult(SIZES, times, new double[rounds], new double[rounds]);
    }

    @Test
    void theWeightedLineFindsASmallInterceptThatNoiseAtLargeNWouldHide() {
        LoopRoundsResult result = madeUp(0.2, 0.1, 0.2, 30);
        LoopRoundsResult.Line line = result.line();
        assertEquals(0.1, line.slopeMillisPerRow(), 0.01);
        // 20% noise on 100 ms is 20 ms; weighted, the intercept is still found within a few hundredths of a ms
        assertEquals(0.2, line.interceptMillis(), 0.05, "intercept " + line.interceptMillis());
        Estimate intercept = result.intercept();
        assertTrue(intercept.low() <= 0.2 && 0.2 <= intercept.high(), intercept.describe());
        Estimate slope = result.slope();
        assertTrue(slope.low() <= 0.1 && 0.1 <= slope.high(), slope.describe());
    }

    /**
     * The machine's pace doubles halfway through the rounds: the loop and its probe blocks both slow down. A round
     * trip measured before the rounds would read the slope as 1.5 round trips; the rounds' own blocks read 1.
     */
    @Test
    void theSlopeIsCountedInTheRoundTripsOfTheSameRounds() {
        int rounds = 30;
        double[][] times = new double[SIZES.length][rounds];
        double[] pace = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            pace[r] = r < rounds / 2 ? 0.1 : 0.2;
            for (int i = 0; i < SIZES.length; i++) {
                times[i][r] = (SIZES[i] + 1) * pace[r];
            }
        }
        LoopRoundsResult steady = new LoopRoundsResult(SIZES, times, new double[rounds], pace);
        Estimate perRoundTrip = steady.slopePerRoundTrip();
        assertTrue(perRoundTrip.low() >= 0.8 && perRoundTrip.high() <= 1.25, perRoundTrip.describe());

        // Two statements per post at the same pace: the ratio says 2, whatever the pace did.
        double[][] twice = new double[SIZES.length][rounds];
        for (int i = 0; i < SIZES.length; i++) {
            for (int r = 0; r < rounds; r++) {
                twice[i][r] = (2 * SIZES[i] + 1) * pace[r];
            }
        }
        Estimate doubled = new LoopRoundsResult(SIZES, twice, new double[rounds], pace).slopePerRoundTrip();
        assertTrue(doubled.low() >= 1.6 && doubled.high() <= 2.5, doubled.describe());
    }

    @Test
    void theTableComparesEveryNWithTheModelAndTheLine() {
        LoopRoundsResult result = madeUp(0.1, 0.1, 0.0, 5);
        var table = result.toTable(0.1);
        assertEquals(SIZES.length, table.rowCount());
        assertEquals(101 * 0.1, table.doubleColumn("model_ms").get(3), 1e-9);
        assertEquals(1.0, table.doubleColumn("measured_vs_model").get(6), 0.01);
        assertEquals(0.0, table.doubleColumn("residual_ms").get(6), 1e-3);
        for (double residual : result.residualPercents()) {
            assertEquals(0, residual, 1e-6);
        }
    }

    @Test
    void theProbeAndTheRoundsRunOnARealDatabase() throws SQLException {
        try (Database database = TestDatabases.open(TestDatabases.H2, "perflab-test-loop-rounds");
             Schema schema = Schema.create(database, "loop_rounds")) {
            BlogDataset.builder().authors(50).posts(200).commentsPerPost(0).build().load(schema);
            RoundTripProbe probe = RoundTripProbe.authorLookups(50, 5);
            Estimate roundTrip = probe.measure(schema.dataSource(), Duration.ofMillis(50), 20);
            assertTrue(roundTrip.value() > 0 && roundTrip.low() <= roundTrip.value(), roundTrip.describe());
            LoopRoundsResult result = LoopRounds.of(schema.dataSource(), PostsWithAuthors::loadOneQueryPerPost,
                    PostsWithAuthors::loadWithJoin, probe, new int[] {10, 50, 100}, 3, 1).run();
            assertEquals(3, result.rounds());
            for (int i = 0; i < 3; i++) {
                for (double ms : result.loopMillis(i)) {
                    assertTrue(ms > 0, "every run timed");
                }
            }
            assertTrue(result.referenceMillis()[0] > 0);
            assertTrue(result.line().slopeMillisPerRow() > 0, "more posts take longer");
        }
    }

    @Test
    void theProbeSaysWhenItsRowsAreMissing() throws SQLException {
        try (Database database = TestDatabases.open(TestDatabases.H2, "perflab-test-probe-missing");
             Schema schema = Schema.create(database, "probe_missing")) {
            BlogDataset.builder().authors(5).posts(10).commentsPerPost(0).build().load(schema);
            RoundTripProbe probe = RoundTripProbe.authorLookups(500, 20);
            try (var connection = schema.connection()) {
                IllegalStateException error = assertThrows(IllegalStateException.class, () -> probe.lookups(connection, 20));
                assertTrue(error.getMessage().contains("needs authors 1..500"), error.getMessage());
            }
        }
    }

    @Test
    void impossibleSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RoundTripProbe.authorLookups(0, 20));
        assertThrows(IllegalArgumentException.class, () -> RoundTripProbe.authorLookups(10, 0));
        RoundTripProbe probe = RoundTripProbe.authorLookups(10, 2);
        javax.sql.DataSource none = new org.h2.jdbcx.JdbcDataSource();
        assertThrows(IllegalArgumentException.class, () -> LoopRounds.of(none, PostsWithAuthors::loadOneQueryPerPost,
                PostsWithAuthors::loadWithJoin, probe, new int[] {10}, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> LoopRounds.of(none, PostsWithAuthors::loadOneQueryPerPost,
                PostsWithAuthors::loadWithJoin, probe, new int[] {10, 20}, 1, 1));
    }
}
