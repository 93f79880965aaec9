package org.perflab.db;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perflab.testing.Services;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Services
class NPlusOneIT {

    private static final int N = 100;

    @ParameterizedTest
    @MethodSource("org.perflab.db.TestDatabases#backends")
    void countsShowNPlusOneAgainstJoinAndBatchedIn(String backend) throws SQLException {
        try (Database database = TestDatabases.open(backend, TestDatabases.uniqueApplicationName("nplusone"));
             Schema schema = Schema.create(database, "n_plus_one")) {
            BlogDataset.builder().authors(1_000).posts(1_000).commentsPerPost(0).build().load(schema);
            StatementCounter counter = StatementCounter.named("n-plus-one");
            DataSource counted = counter.wrap(schema.dataSource());
            try (Connection connection = counted.getConnection()) {
                // Warm up the connection, the driver's statement cache and the server's buffers.
                PostsWithAuthors.loadOneQueryPerPost(connection, N);
                PostsWithAuthors.loadWithJoin(connection, N);
                PostsWithAuthors.loadWithBatchedIn(connection, N, 10);

                counter.reset();
                long start = System.nanoTime();
                List<PostsWithAuthors.PostWithAuthor> trap = PostsWithAuthors.loadOneQueryPerPost(connection, N);
                long trapNanos = System.nanoTime() - start;
                StatementCounts trapCounts = counter.snapshot();

                counter.reset();
                start = System.nanoTime();
                List<PostsWithAuthors.PostWithAuthor> joined = PostsWithAuthors.loadWithJoin(connection, N);
                long joinNanos = System.nanoTime() - start;
                StatementCounts joinCounts = counter.snapshot();

                int batchSize = 10;
                counter.reset();
                start = System.nanoTime();
                List<PostsWithAuthors.PostWithAuthor> batched =
                        PostsWithAuthors.loadWithBatchedIn(connection, N, batchSize);
                long batchedNanos = System.nanoTime() - start;
                StatementCounts batchedCounts = counter.snapshot();
                long distinctAuthors = trap.stream().mapToLong(PostsWithAuthors.PostWithAuthor::authorId).distinct()
                        .count();

                counter.reset();
                PostsWithAuthors.loadWithBatchedIn(connection, N, 1_000);
                StatementCounts oneBatch = counter.snapshot();

                assertEquals(N, trap.size());
                assertEquals(trap, joined);
                assertEquals(trap, batched);
                assertEquals(N + 1, trapCounts.roundTrips(), trapCounts.describe());
                assertEquals(N + 1, trapCounts.selects());
                assertEquals(1, joinCounts.roundTrips(), joinCounts.describe());
                assertEquals(PostsWithAuthors.expectedBatchedInRoundTrips(distinctAuthors, batchSize),
                        batchedCounts.roundTrips(), batchedCounts.describe());
                assertEquals(2, oneBatch.roundTrips(), oneBatch.describe());

                System.out.printf(Locale.ROOT, "[n+1] %s N=%d: one query per post %.2f ms (%s); JOIN %.2f ms (%s);"
                                + " IN batches of %d over %d authors %.2f ms (%s)%n", backend, N, trapNanos / 1e6,
                        trapCounts.describe(), joinNanos / 1e6, joinCounts.describe(), batchSize, distinctAuthors,
                        batchedNanos / 1e6, batchedCounts.describe());
            }

            StatementCounter distant = StatementCounter.named("n-plus-one-distant");
            SimulatedNetworkDelay delay = SimulatedNetworkDelay.perRoundTripMicros(500);
            try (Connection connection = distant.wrap(schema.dataSource(), delay).getConnection()) {
                long start = System.nanoTime();
                PostsWithAuthors.loadOneQueryPerPost(connection, N);
                long trapNanos = System.nanoTime() - start;
                StatementCounts trapCounts = distant.snapshot();
                distant.reset();
                start = System.nanoTime();
                PostsWithAuthors.loadWithJoin(connection, N);
                long joinNanos = System.nanoTime() - start;
                assertTrue(trapCounts.simulatedDelayNanos() >= (N + 1) * delay.delayNanos(), trapCounts.describe());
                assertTrue(trapCounts.describe().contains("SIMULATED"));
                System.out.printf(Locale.ROOT, "[n+1] %s N=%d with %s: one query per post %.2f ms, JOIN %.2f ms%n",
                        backend, N, delay, trapNanos / 1e6, joinNanos / 1e6);
            }
        }
    }

}
