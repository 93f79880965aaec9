package org.perflab.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.perflab.check.Require;

/**
 * The N+1 trap beside its two fixes, on {@link BlogDataset}'s tables: load the first {@code limit}
 * posts with their author's name. All three return the same rows in the same order (post id); they
 * differ only in round trips, which a {@link StatementCounter} makes visible:
 * <ul>
 *   <li>{@link #loadOneQueryPerPost}: 1 query for the posts + 1 per post for its author = N + 1;</li>
 *   <li>{@link #loadWithJoin}: 1 query;</li>
 *   <li>{@link #loadWithBatchedIn}: 1 for the posts + ceil(distinct authors / batch size) IN queries.</li>
 * </ul>
 * On localhost each extra round trip costs tens of microseconds; across a network, a millisecond
 * or more, which is why N+1 hides in development and shows in production.
 */
public final class PostsWithAuthors {

    /** One post and the name of its author. */
    public record PostWithAuthor(long postId, String title, long authorId, String authorName) {
    }

    private static final String FIRST_POSTS = "SELECT id, title, author_id FROM posts ORDER BY id LIMIT ?";

    private PostsWithAuthors() {
    }

    /** The trap: one query per post for its author (what a lazy ORM association does in a loop). */
    public static List<PostWithAuthor> loadOneQueryPerPost(Connection connection, int limit) throws SQLException {
        List<PostWithAuthor> result = new ArrayList<>();
        try (PreparedStatement author = connection.prepareStatement("SELECT name FROM authors WHERE id = ?")) {
            for (Post post : firstPosts(connection, limit)) {
                author.setLong(1, post.authorId);
                try (ResultSet row = author.executeQuery()) {
                    String name = row.next() ? row.getString(1) : null;
                    result.add(new PostWithAuthor(post.id, post.title, post.authorId, name));
                }
            }
        }
        return result;
    }

    /** Fix one: the database joins, one round trip. */
    public static List<PostWithAuthor> loadWithJoin(Connection connection, int limit) throws SQLException {
        String sql = "SELECT p.id, p.title, p.author_id, a.name FROM posts p JOIN authors a ON a.id = p.author_id"
                + " ORDER BY p.id LIMIT ?";
        List<PostWithAuthor> result = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setInt(1, limit);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    result.add(new PostWithAuthor(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4)));
                }
            }
        }
        return result;
    }

    /**
     * Fix two: fetch the posts, then their distinct authors in IN lists of at most {@code batchSize}
     * ids (what an ORM's batch fetching does); keeps each query's parameter count bounded.
     */
    public static List<PostWithAuthor> loadWithBatchedIn(Connection connection, int limit, int batchSize)
            throws SQLException {
        Require.between("batchSize", batchSize, 1, 10_000,
                "give the authors per IN (...) list, e.g. 100; a bind-parameter list holds at most 10000 here");
        List<Post> posts = firstPosts(connection, limit);
        List<Long> authorIds = new ArrayList<>(new LinkedHashSet<>(posts.stream().map(Post::authorId).toList()));
        Map<Long, String> names = new HashMap<>();
        for (int from = 0; from < authorIds.size(); from += batchSize) {
            List<Long> batch = authorIds.subList(from, Math.min(from + batchSize, authorIds.size()));
            String sql = "SELECT id, name FROM authors WHERE id IN (" + String.join(", ",
                    Collections.nCopies(batch.size(), "?")) + ")";
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                for (int i = 0; i < batch.size(); i++) {
                    query.setLong(i + 1, batch.get(i));
                }
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        names.put(row.getLong(1), row.getString(2));
                    }
                }
            }
        }
        List<PostWithAuthor> result = new ArrayList<>(posts.size());
        for (Post post : posts) {
            result.add(new PostWithAuthor(post.id, post.title, post.authorId, names.get(post.authorId)));
        }
        return result;
    }

    /** Round trips {@link #loadWithBatchedIn} makes for this many distinct authors: 1 + ceil(d / b). */
    public static long expectedBatchedInRoundTrips(long distinctAuthors, int batchSize) {
        return 1 + (distinctAuthors + batchSize - 1) / batchSize;
    }

    private record Post(long id, String title, long authorId) {
    }

    private static List<Post> firstPosts(Connection connection, int limit) throws SQLException {
        Require.atLeast("limit", limit, 0, "give the number of posts to read, 0 or more");
        List<Post> posts = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(FIRST_POSTS)) {
            query.setInt(1, limit);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    posts.add(new Post(row.getLong(1), row.getString(2), row.getLong(3)));
                }
            }
        }
        return posts;
    }
}
