package org.perflab.db;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.perflab.check.Require;

/**
 * A private schema for one experiment run, {@code perflab_<experiment>_<6 hex>}, dropped with
 * CASCADE on {@link #close()}. Everything an experiment creates lives here, so a run touches nothing
 * outside it and two runs (or two notebooks) never see each other's tables.
 *
 * <p>Connections from {@link #dataSource()} start with this schema current (JDBC's
 * {@code Connection.setSchema}: PostgreSQL's search_path, H2's SET SCHEMA). Pools should use
 * {@link #name()} with their own schema setting instead, so the switch happens once per physical
 * connection, not once per borrow.
 *
 * <p>Surprise: on PostgreSQL, {@code setSchema} is one more round trip per new connection; it happens
 * below any statement-counting proxy wrapped around {@link #dataSource()}, so counts stay exact.
 */
public final class Schema implements AutoCloseable {

    /** PostgreSQL truncates identifiers at 63 bytes (NAMEDATALEN - 1); names stay under it. */
    static final int MAX_NAME_LENGTH = 63;
    private static final String PREFIX = "perflab_";
    private static final Pattern NOT_IDENTIFIER = Pattern.compile("[^a-z0-9_]+");

    private final Database database;
    private final String name;
    private final DataSource dataSource;
    private boolean dropped;

    private Schema(Database database, String name) {
        this.database = database;
        this.name = name;
        this.dataSource = new SchemaDataSource(database.dataSource(), name);
    }

    /** Creates {@code perflab_<experiment>_<random>}; the suffix comes from a SecureRandom. */
    public static Schema create(Database database, String experiment) {
        return create(database, experiment, new SecureRandom());
    }

    /** As {@link #create(Database, String)}, with the suffix drawn from {@code random} (tests pass a seeded one). */
    public static Schema create(Database database, String experiment, Random random) {
        String name = nameFor(experiment, random);
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create schema " + name + " on " + database.describe()
                    + ": " + e.getMessage() + " [SQLState " + e.getSQLState() + "]. The user needs CREATE on the"
                    + " database (PostgreSQL: GRANT CREATE ON DATABASE ... TO ...).", e);
        }
        return new Schema(database, name);
    }

    static String nameFor(String experiment, Random random) {
        Require.notBlank("experiment", experiment, "name the experiment in letters, digits and _, e.g. \"n_plus_one\"");
        String slug = NOT_IDENTIFIER.matcher(experiment.toLowerCase(Locale.ROOT)).replaceAll("_");
        String suffix = String.format(Locale.ROOT, "_%06x", random.nextInt(1 << 24));
        int room = MAX_NAME_LENGTH - PREFIX.length() - suffix.length();
        if (slug.length() > room) {
            slug = slug.substring(0, room);
        }
        return PREFIX + slug + suffix;
    }

    /** The schema's name, lower case, safe to splice into SQL unquoted. */
    public String name() {
        return name;
    }

    public Database database() {
        return database;
    }

    /** Unpooled connections with this schema current. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** One new connection with this schema current; the caller closes it. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** True after {@link #close()} dropped the schema. */
    public synchronized boolean isDropped() {
        return dropped;
    }

    /**
     * Drops the schema and everything in it. Idempotent. Fails (with PostgreSQL's lock wait) if another
     * connection still holds locks in it: close pools and connections first.
     */
    @Override
    public synchronized void close() {
        if (dropped) {
            return;
        }
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            dropped = true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop schema " + name + " on " + database.describe() + ": "
                    + e.getMessage() + " [SQLState " + e.getSQLState() + "]; drop it by hand with DROP SCHEMA "
                    + name + " CASCADE", e);
        }
    }

    @Override
    public String toString() {
        return "schema " + name + (dropped ? " (dropped)" : "") + " on " + database.backend().label();
    }
}
