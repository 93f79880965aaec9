package org.perflab.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work on one connection as one transaction: auto-commit off, commit when the work returns,
 * roll back when it throws, and the connection's auto-commit setting restored either way (a pooled
 * connection goes back as it came).
 */
public final class Transactions {

    /** Work that uses the connection and may fail with a SQL error. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transactions() {
    }

    public static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
