package org.perflab.pool;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.perflab.check.Require;

/**
 * Opens connections without a pool, one after another, holding each, until {@code attempts} were
 * made; then closes them all. Against PostgreSQL with more attempts than free slots, the extra ones
 * fail with SQLState {@value #TOO_MANY_CLIENTS} ("sorry, too many clients already"), the error a
 * fleet of unpooled services meets long before any pool error. The count of those failures is
 * kept apart from every other failure.
 *
 * <p>Caution: on a shared server this takes slots other sessions need. Aim it at a database of
 * your own, keep {@code attempts} small, or flood as a {@link TemporaryRole}: an ordinary role
 * leaves the superuser-reserved slots free.
 */
public final class ConnectionFlood {

    /** PostgreSQL's SQLState for "too many connections" (server-wide, per database or per role). */
    public static final String TOO_MANY_CLIENTS = "53300";
    public static final int MAX_ATTEMPTS = 10_000;

    /**
     * @param attempted      connections asked for
     * @param opened         connections that opened
     * @param tooManyClients failures with SQLState 53300
     * @param otherFailures  any other failure
     * @param firstError     the first failure's message, or null
     */
    public record Result(int attempted, int opened, int tooManyClients, int otherFailures, String firstError) {

        public String describe() {
            return attempted + " connections asked for: " + opened + " opened, " + tooManyClients
                    + " refused as too many clients (SQLState " + TOO_MANY_CLIENTS + "), " + otherFailures
                    + " other failures" + (firstError == null ? "" : "; first error: " + firstError);
        }
    }

    /** Runs while every connection the flood could open is still open. */
    @FunctionalInterface
    public interface WhileHeld {
        void run() throws SQLException;
    }

    private ConnectionFlood() {
    }

    public static Result openAndHold(DataSource unpooled, int attempts) {
        try {
            return openAndHold(unpooled, attempts, () -> { });
        } catch (SQLException e) {
            // Failed connections are counted, not thrown, and the empty action throws nothing.
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens {@code attempts} connections one after another, runs {@code whileHeld} with all that
     * opened still open (to look at the full server from elsewhere), then closes them, also when
     * {@code whileHeld} throws.
     */
    public static Result openAndHold(DataSource unpooled, int attempts, WhileHeld whileHeld) throws SQLException {
        Require.between("attempts", attempts, 1, MAX_ATTEMPTS,
                "open at least one connection, e.g. a few more than the server's max_connections");
        java.util.Objects.requireNonNull(whileHeld, "whileHeld");
        List<Connection> open = new ArrayList<>();
        int tooMany = 0;
        int other = 0;
        String firstError = null;
        try {
            for (int i = 0; i < attempts; i++) {
                try {
                    open.add(unpooled.getConnection());
                } catch (SQLException e) {
                    if (TOO_MANY_CLIENTS.equals(e.getSQLState())) {
                        tooMany++;
                    } else {
                        other++;
                    }
                    if (firstError == null) {
                        firstError = e.getMessage() + " [SQLState " + e.getSQLState() + "]";
                    }
                }
            }
            whileHeld.run();
            return new Result(attempts, open.size(), tooMany, other, firstError);
        } finally {
            for (Connection connection : open) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // Closing a connection the server already dropped; nothing left to free.
                }
            }
        }
    }
}
