package org.perflab.pool;

import org.perflab.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * How many connections a PostgreSQL server allows and holds right now, read from {@code SHOW} and
 * {@code pg_stat_activity} over one new connection (which is not counted).
 *
 * <p>Surprise: {@code max_connections} is not what an application user gets. The last
 * {@code superuser_reserved_connections} slots are kept for superusers, so an ordinary role is
 * refused ("remaining connection slots are reserved ...", SQLState 53300) while those are still
 * free, and a superuser only meets "sorry, too many clients already" when every slot is taken.
 *
 * @param maxConnections               the server's {@code max_connections}
 * @param superuserReservedConnections slots only superusers may use
 * @param clientConnections            client backends open now, other than the one that read this
 */
public record ServerConnections(int maxConnections, int superuserReservedConnections, int clientConnections) {

    private static final String OTHER_CLIENT_BACKENDS = "FROM pg_stat_activity WHERE backend_type = 'client backend'"
            + " AND pid <> pg_backend_pid()";

    /** Reads the limits and the current count; PostgreSQL only. */
    public static ServerConnections read(Database database) throws SQLException {
        PostgresSources.requirePostgres(database, "counting server connections");
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            int max = intSetting(statement, "max_connections");
            int reserved = intSetting(statement, "superuser_reserved_connections");
            try (ResultSet row = statement.executeQuery("SELECT count(*) " + OTHER_CLIENT_BACKENDS)) {
                row.next();
                return new ServerConnections(max, reserved, row.getInt(1));
            }
        }
    }

    /** Connections open now with this {@code application_name}, other than the one counting. */
    public static int countForApplication(Database database, String applicationName) throws SQLException {
        return count(database, "application_name", applicationName);
    }

    /** Connections open now logged in as this role, other than the one counting. */
    public static int countForRole(Database database, String role) throws SQLException {
        return count(database, "usename", role);
    }

    /**
     * Like {@link #countForApplication}, but waits up to {@code settle} for the count to reach zero:
     * a closed connection's server process exits a moment after {@code close()} returns.
     */
    public static int countForApplication(Database database, String applicationName, Duration settle)
            throws SQLException, InterruptedException {
        return awaitZero(database, "application_name", applicationName, settle);
    }

    /** Like {@link #countForRole}, waiting up to {@code settle} for the count to reach zero. */
    public static int countForRole(Database database, String role, Duration settle)
            throws SQLException, InterruptedException {
        return awaitZero(database, "usename", role, settle);
    }

    private static int awaitZero(Database database, String column, String value, Duration settle)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + settle.toNanos();
        int count = count(database, column, value);
        while (count > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            count = count(database, column, value);
        }
        return count;
    }

    private static int count(Database database, String column, String value) throws SQLException {
        PostgresSources.requirePostgres(database, "counting server connections");
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) " + OTHER_CLIENT_BACKENDS + " AND " + column + " = ?")) {
            query.setString(1, value);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static int intSetting(Statement statement, String name) throws SQLException {
        try (ResultSet row = statement.executeQuery("SHOW " + name)) {
            row.next();
            return Integer.parseInt(row.getString(1));
        }
    }

    /** Slots an ordinary (non-superuser) role can still take: max minus reserved minus open. */
    public int freeForOrdinaryRoles() {
        return Math.max(0, maxConnections - superuserReservedConnections - clientConnections);
    }

    /** Slots a superuser can still take, the reserved ones included. */
    public int freeForSuperusers() {
        return Math.max(0, maxConnections - clientConnections);
    }

    public String describe() {
        return "max_connections=" + maxConnections + ", superuser_reserved_connections=" + superuserReservedConnections
                + ", open client connections=" + clientConnections + ": " + freeForOrdinaryRoles()
                + " free for ordinary roles, " + freeForSuperusers() + " for superusers";
    }
}
