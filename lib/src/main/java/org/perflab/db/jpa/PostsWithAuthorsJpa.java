package org.perflab.db.jpa;

import org.hibernate.Session;
import org.perflab.db.PostsWithAuthors.PostWithAuthor;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link org.perflab.db.PostsWithAuthors}' page of posts with their authors, written the JPA way,
 * returning the same rows so the two can be compared and timed side by side:
 * <ul>
 *   <li>{@link #loadLazily}: the posts, then {@code post.getAuthor().getName()} in a loop; no query
 *       in sight, one per distinct author on the wire (or one per batch with batch fetching on);</li>
 *   <li>{@link #loadWithJoinFetch}: {@code join fetch p.author}, one query.</li>
 * </ul>
 * {@link #commentCounts} reads each post's lazy comment list, the same trap on a collection.
 */
public final class PostsWithAuthorsJpa {

    /** The page: the first posts by id. */
    public static final String POSTS = "select p from Post p order by p.id";
    /** The page with each post's author in the same query. */
    public static final String POSTS_WITH_AUTHORS = "select p from Post p join fetch p.author order by p.id";

    private PostsWithAuthorsJpa() {
    }

    /** The trap: authors load lazily, one query each, when the loop first reads a name. */
    public static List<PostWithAuthor> loadLazily(Session session, int limit) {
        return rows(session.createSelectionQuery(POSTS, Post.class).setMaxResults(limit).getResultList());
    }

    /** The fix: one query with the authors joined in. */
    public static List<PostWithAuthor> loadWithJoinFetch(Session session, int limit) {
        return rows(session.createSelectionQuery(POSTS_WITH_AUTHORS, Post.class).setMaxResults(limit).getResultList());
    }

    /** Each of the first posts' comment count, read through its lazy collection (one query per post). */
    public static List<Integer> commentCounts(Session session, int limit) {
        List<Integer> counts = new ArrayList<>();
        for (Post post : session.createSelectionQuery(POSTS, Post.class).setMaxResults(limit).getResultList()) {
            counts.add(post.getComments().size());
        }
        return counts;
    }

    private static List<PostWithAuthor> rows(List<Post> posts) {
        List<PostWithAuthor> rows = new ArrayList<>(posts.size());
        for (Post post : posts) {
            Author author = post.getAuthor();   // a proxy: reading its id needs no query, its name does
            rows.add(new PostWithAuthor(post.getId(), post.getTitle(), author.getId(), author.getName()));
        }
        return rows;
    }
}
