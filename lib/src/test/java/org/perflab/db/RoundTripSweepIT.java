package org.perflab.db;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perflab.testing.Services;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Services
class RoundTripSweepIT {

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

}
