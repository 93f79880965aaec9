package org.perflab.db.jpa;

import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.perflab.check.Require;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hibernate over {@link org.perflab.db.BlogDataset}'s tables ({@link Author}, {@link Post}, {@link
 * Comment}), built in code (no persistence.xml) over a data source an experiment already has, so
 * its statements can be counted by wrapping that data source.
 *
 * <pre>{@code
 * try (BlogJpa jpa = BlogJpa.builder(counted).batchFetchSize(100).build();
 *      Session session = jpa.openSession()) {
 *     for (Post post : session.createSelectionQuery("from Post order by id", Post.class).setMaxResults(20).getResultList()) {
 *         post.getAuthor().getName();   // one query per distinct author without batch fetching
 *     }
 * }
 * }</pre>
 *
 * <p>Surprises: Hibernate keeps one instance per id in a session, so a lazy loop queries once per
 * <em>distinct</em> author, not once per post; and the tables are never created or checked here
 * (the dataset made them), so a mapping that does not match fails at the first query, naming the
 * column.
 */
public final class BlogJpa implements AutoCloseable {

    /** Hibernate's start-up lines at INFO would bury the experiment's own output; keep warnings. */
    private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");

    static {
        HIBERNATE_LOG.setLevel(Level.WARNING);
    }

    private final SessionFactory sessionFactory;
    private final int batchFetchSize;

    private BlogJpa(Builder builder) {
        this.batchFetchSize = builder.batchFetchSize;
        StandardServiceRegistryBuilder settings = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, builder.dataSource)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .applySetting(AvailableSettings.SHOW_SQL, Boolean.toString(builder.showSql));
        if (builder.batchFetchSize > 1) {
            settings.applySetting(AvailableSettings.DEFAULT_BATCH_FETCH_SIZE, Integer.toString(builder.batchFetchSize));
        }
        StandardServiceRegistry registry = settings.build();
        try {
            this.sessionFactory = new MetadataSources(registry)
                    .addAnnotatedClasses(Author.class, Post.class, Comment.class)
                    .buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /** Hibernate over {@code dataSource}, whose connections must have the blog's tables in their schema. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** How many lazy associations one query initializes at most; 1 means batch fetching is off. */
    public int batchFetchSize() {
        return batchFetchSize;
    }

    /** A session on a connection of its own from the data source; close it when done. */
    public Session openSession() {
        return sessionFactory.openSession();
    }

    /**
     * A session on the caller's connection (the caller closes the connection, the session does not),
     * for timing Hibernate on the same connection as plain JDBC.
     */
    public Session openSession(Connection connection) {
        return sessionFactory.withOptions().connection(connection).openSession();
    }

    @Override
    public void close() {
        sessionFactory.close();
    }

    @Override
    public String toString() {
        return "BlogJpa[Hibernate " + org.hibernate.Version.getVersionString() + ", batch fetch size " + batchFetchSize
                + "]";
    }

    /** Defaults: batch fetching off, SQL not printed. */
    public static final class Builder {
        private final DataSource dataSource;
        private int batchFetchSize = 1;
        private boolean showSql;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * Turns on Hibernate's batch fetching: touching one lazy author (or comment list) loads up to
         * this many pending ones in one query. 1 (the default) turns it off.
         */
        public Builder batchFetchSize(int batchFetchSize) {
            Require.between("batchFetchSize", batchFetchSize, 1, 1_000,
                    "give 1 to turn batch fetching off, or the rows to fetch per query, e.g. 16");
            this.batchFetchSize = batchFetchSize;
            return this;
        }

        /** Prints every statement Hibernate sends, the seed articles' advice for catching N+1 early. */
        public Builder showSql(boolean showSql) {
            this.showSql = showSql;
            return this;
        }

        public BlogJpa build() {
            return new BlogJpa(this);
        }
    }
}
