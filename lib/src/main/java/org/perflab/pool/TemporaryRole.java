package org.perflab.pool;

import org.perflab.check.Require;
import org.perflab.db.Database;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An ordinary PostgreSQL login role for one experiment, {@code perflab_<purpose>_<hex>}: not a
 * superuser, with a random password, optionally with a {@code CONNECTION LIMIT}. Its
 * {@link #dataSource()} connects as that role with the database's other settings (timeouts,
 * application name). {@link #close()} ends the role's sessions and drops it.
 *
 * <p>Why: an application connects as an ordinary role, and an ordinary role meets the server's
 * connection limits differently from a superuser (see {@link ServerConnections}). A flood as the
 * superuser would also take the slots an administrator needs to repair things.
 *
 * <p>Needs a database user allowed to create roles (CREATEROLE or superuser), and a
 * {@code pg_hba.conf} that lets the new role in with its password (trust, md5 or scram-sha-256).
 */
public final class TemporaryRole implements AutoCloseable {

    /** PostgreSQL's own upper bound for CONNECTION LIMIT is far higher; this keeps experiments small. */
    public static final int MAX_CONNECTION_LIMIT = 10_000;
    private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    private final Database database;
    private final String name;
    private final int connectionLimit;
    private final PGSimpleDataSource dataSource;
    private boolean dropped;

    private TemporaryRole(Database database, String name, String password, int connectionLimit) {
        this.database = database;
        this.name = name;
        this.connectionLimit = connectionLimit;
        this.dataSource = PostgresSources.copyOf(database);
        dataSource.setUser(name);
        dataSource.setPassword(password);
    }

    /** A role without a connection limit of its own. */
    public static TemporaryRole create(Database database, String purpose) throws SQLException {
        return create(database, purpose, -1);
    }

    /**
     * Creates the role.
     *
     * @param purpose         lower-case letters, digits and _, starting with a letter: part of the name
     * @param connectionLimit the role's CONNECTION LIMIT, or -1 for none (superusers ignore it)
     */
    public static TemporaryRole create(Database database, String purpose, int connectionLimit) throws SQLException {
        PostgresSources.requirePostgres(database, "a temporary role");
        Require.that(purpose != null && PURPOSE.matcher(purpose).matches(), "purpose",
                purpose == null ? null : "'" + purpose + "'",
                "1 to 31 lower-case letters, digits or _, starting with a letter",
                "name what the role is for, e.g. \"limits\"; it becomes part of the role's name");
        Require.between("connectionLimit", connectionLimit, -1, MAX_CONNECTION_LIMIT,
                "give -1 for no limit or the role's CONNECTION LIMIT");
        SecureRandom random = new SecureRandom();
        String name = String.format(Locale.ROOT, "perflab_%s_%06x", purpose, random.nextInt(1 << 24));
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        // Name and password are generated from [a-z0-9_] only, so splicing them in is safe.
        String sql = "CREATE ROLE " + name + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + password
                + "' CONNECTION LIMIT " + connectionLimit;
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new SQLException("Could not create role " + name + " as " + database.user() + ": " + e.getMessage()
                    + ". Creating a role needs CREATEROLE or a superuser.", e.getSQLState(), e);
        }
        return new TemporaryRole(database, name, password, connectionLimit);
    }

    public String name() {
        return name;
    }

    /** The role's CONNECTION LIMIT, or -1 for none. */
    public int connectionLimit() {
        return connectionLimit;
    }

    /** Unpooled connections logged in as this role. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** True after {@link #close()} dropped the role. */
    public synchronized boolean isDropped() {
        return dropped;
    }

    /**
     * Terminates the role's sessions (a leftover one would make DROP ROLE fail) and drops the role.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (dropped) {
            return;
        }
        try (Connection connection = database.dataSource().getConnection()) {
            try (PreparedStatement terminate = connection.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
                terminate.setString(1, name);
                terminate.execute();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP ROLE IF EXISTS " + name);
            }
            dropped = true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop role " + name + ": " + e.getMessage() + " [SQLState "
                    + e.getSQLState() + "]; drop it by hand with DROP ROLE " + name, e);
        }
    }

    @Override
    public String toString() {
        return "role " + name + (connectionLimit < 0 ? "" : " (CONNECTION LIMIT " + connectionLimit + ")")
                + (dropped ? " (dropped)" : "");
    }
}
