package org.perflab.db;

import java.time.LocalDateTime;
import java.util.List;
import org.perflab.check.Require;

/**
 * Authors, posts and comments for N+1 and indexing experiments, the same rows for the same seed:
 * <pre>
 * authors  (id bigint primary key, name text, email text)
 * posts    (id bigint primary key, author_id bigint, title text, created_at timestamp)
 * comments (id bigint primary key, post_id bigint, author_id bigint, body text, created_at timestamp)
 * </pre>
 * Post authors are uniform over the authors; each post gets exactly {@code commentsPerPost}
 * comments, so expected counts are easy to check. Foreign-key columns are unindexed on purpose
 * ({@code CREATE INDEX ON posts (author_id)} is the indexing notebook's fix).
 */
public final class BlogDataset extends GeneratedDataset {

    public static final long DEFAULT_SEED = 42L;
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final long YEAR_SECONDS = 365L * 86_400;

    private final int authors;
    private final int posts;
    private final int commentsPerPost;

    private BlogDataset(Builder builder) {
        super(builder.seed);
        this.authors = builder.authors;
        this.posts = builder.posts;
        this.commentsPerPost = builder.commentsPerPost;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int authors() {
        return authors;
    }

    public int posts() {
        return posts;
    }

    public int commentsPerPost() {
        return commentsPerPost;
    }

    /** Tables authors, posts and comments. */
    @Override
    List<GeneratedTable> tables() {
        long seed = seed();
        long comments = (long) posts * commentsPerPost;
        return List.of(
                new GeneratedTable("authors", "CREATE TABLE authors (id bigint PRIMARY KEY, name text NOT NULL,"
                        + " email text NOT NULL)", List.of("id", "name", "email"), authors,
                        SeededRows.of(authors, seed, 0xB106_0001L, (id, random) -> new Object[] {
                                id, "Author " + id + " " + Long.toString(random.nextLong(1L << 40), 36),
                                "author" + id + "@example.com"})),
                new GeneratedTable("posts", "CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint NOT NULL,"
                        + " title text NOT NULL, created_at timestamp NOT NULL)",
                        List.of("id", "author_id", "title", "created_at"), posts,
                        SeededRows.of(posts, seed, 0xB106_0002L, (id, random) -> new Object[] {
                                id, 1 + random.nextLong(authors), "Post " + id,
                                EPOCH.plusSeconds(random.nextLong(YEAR_SECONDS))})),
                new GeneratedTable("comments", "CREATE TABLE comments (id bigint PRIMARY KEY, post_id bigint NOT NULL,"
                        + " author_id bigint NOT NULL, body text NOT NULL, created_at timestamp NOT NULL)",
                        List.of("id", "post_id", "author_id", "body", "created_at"), comments,
                        SeededRows.of(comments, seed, 0xB106_0003L, (id, random) -> new Object[] {
                                id, 1 + (id - 1) / commentsPerPost, 1 + random.nextLong(authors),
                                "Comment " + id + ", \"quoted\" " + random.nextInt(1000),
                                EPOCH.plusSeconds(random.nextLong(YEAR_SECONDS))})));
    }

    @Override
    public String toString() {
        return "BlogDataset[authors=" + authors + ", posts=" + posts + ", commentsPerPost=" + commentsPerPost
                + ", seed=" + seed() + "]";
    }

    /** Defaults: 100 authors, 1,000 posts, 5 comments per post, seed 42. */
    public static final class Builder {
        private int authors = 100;
        private int posts = 1_000;
        private int commentsPerPost = 5;
        private long seed = DEFAULT_SEED;

        private Builder() {
        }

        public Builder authors(int authors) {
            Require.between("authors", authors, 1, 10_000_000, "give at least one author, e.g. 1_000");
            this.authors = authors;
            return this;
        }

        public Builder posts(int posts) {
            Require.between("posts", posts, 0, 100_000_000, "give 0 or more posts, e.g. 10_000");
            this.posts = posts;
            return this;
        }

        public Builder commentsPerPost(int commentsPerPost) {
            Require.between("commentsPerPost", commentsPerPost, 0, 1_000, "give 0 to 1,000 comments per post, e.g. 5");
            this.commentsPerPost = commentsPerPost;
            return this;
        }

        /** Print it with the results: the same seed reproduces the same rows. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public BlogDataset build() {
            return new BlogDataset(this);
        }
    }
}
