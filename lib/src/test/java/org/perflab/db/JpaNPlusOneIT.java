package org.perflab.db;

import org.hibernate.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perflab.db.jpa.BlogJpa;
import org.perflab.db.jpa.PostsWithAuthorsJpa;
import org.perflab.testing.Services;
import org.perflab.testing.Slow;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Services
@Slow
class JpaNPlusOneIT {

    private static final int N = 100;
    private static final int BATCH = 25;

    @ParameterizedTest
    @MethodSource("org.perflab.db.TestDatabases#backends")
    void lazyLoadingQueriesPerDistinctAuthorAndTheFixesDoNot(String backend) throws SQLException {
        try (Database database = TestDatabases.open(backend, TestDatabases.uniqueApplicationName("jpa"));
             Schema schema = Schema.create(database, "jpa_n_plus_one")) {
            BlogDataset.builder().authors(200).posts(300).commentsPerPost(2).build().load(schema);
            StatementCounter counter = StatementCounter.named("jpa");
            DataSource counted = counter.wrap(schema.dataSource());
            List<PostsWithAuthors.PostWithAuthor> expected;
            try (Connection connection = schema.connection()) {
                expected = PostsWithAuthors.loadWithJoin(connection, N);
            }
            long distinctAuthors = expected.stream().mapToLong(PostsWithAuthors.PostWithAuthor::authorId).distinct()
                    .count();

            try (BlogJpa lazy = BlogJpa.builder(counted).build();
                 BlogJpa batched = BlogJpa.builder(counted).batchFetchSize(BATCH).build()) {
                StatementCounts lazyCounts;
                StatementCounts joinFetchCounts;
                StatementCounts batchedCounts;
                StatementCounts lazyComments;
                StatementCounts batchedComments;
                try (Session session = lazy.openSession()) {
                    counter.reset();
                    assertEquals(expected, PostsWithAuthorsJpa.loadLazily(session, N));
                    lazyCounts = counter.snapshot();
                }
                try (Session session = lazy.openSession()) {
                    counter.reset();
                    assertEquals(expected, PostsWithAuthorsJpa.loadWithJoinFetch(session, N));
                    joinFetchCounts = counter.snapshot();
                }
                try (Session session = batched.openSession()) {
                    counter.reset();
                    assertEquals(expected, PostsWithAuthorsJpa.loadLazily(session, N));
                    batchedCounts = counter.snapshot();
                }
                try (Session session = lazy.openSession()) {
                    counter.reset();
                    assertEquals(Collections.nCopies(N, 2), PostsWithAuthorsJpa.commentCounts(session, N));
                    lazyComments = counter.snapshot();
                }
                try (Session session = batched.openSession()) {
                    counter.reset();
                    assertEquals(Collections.nCopies(N, 2), PostsWithAuthorsJpa.commentCounts(session, N));
                    batchedComments = counter.snapshot();
                }

                assertEquals(1 + distinctAuthors, lazyCounts.roundTrips(), lazyCounts.describe());
                assertEquals(1, joinFetchCounts.roundTrips(), joinFetchCounts.describe());
                long batches = (distinctAuthors + BATCH - 1) / BATCH;
                assertTrue(batchedCounts.roundTrips() >= 1 + batches && batchedCounts.roundTrips() <= 2 + batches,
                        "batch fetching by " + BATCH + " over " + distinctAuthors + " authors: "
                                + batchedCounts.describe());
                assertEquals(1 + N, lazyComments.roundTrips(), lazyComments.describe());
                assertTrue(batchedComments.roundTrips() <= 2 + N / BATCH, batchedComments.describe());
            }
        }
    }
}
