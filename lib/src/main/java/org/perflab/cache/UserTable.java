package org.perflab.cache;

import org.perflab.db.Transactions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The caching experiments' source of truth: the {@code users} table of
 * {@link org.perflab.db.OrdersDataset} on a real database, read by primary key and updated.
 *
 * <p>Give it a pooled data source (an {@link org.perflab.pool.ExperimentPool}): each call borrows one
 * connection, and opening a new PostgreSQL connection per call would cost more than the query. Wrap
 * the pool with a {@link org.perflab.db.StatementCounter} to count the load a cache takes off it.
 * SQL errors become {@link IllegalStateException}s that carry the statement and SQLState.
 */
public final class UserTable {

    private static final String SELECT = "SELECT id, email, name FROM users WHERE id = ?";
    private static final String SELECT_RANGE = "SELECT id, email, name FROM users WHERE id BETWEEN ? AND ?";
    private static final String UPDATE = "UPDATE users SET email = ?, name = ? WHERE id = ?";

    private final DataSource dataSource;

    public UserTable(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The user, or null when there is none. One SELECT. */
    public User load(long id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new User(row.getLong(1), row.getString(2), row.getString(3)) : null;
            }
        } catch (SQLException e) {
            throw failed(SELECT, e);
        }
    }

    /** Users {@code fromId} to {@code toId} inclusive, by id. One SELECT. */
    public Map<Long, User> loadRange(long fromId, long toId) {
        Map<Long, User> users = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_RANGE)) {
            select.setLong(1, fromId);
            select.setLong(2, toId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    users.put(rows.getLong(1), new User(rows.getLong(1), rows.getString(2), rows.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw failed(SELECT_RANGE, e);
        }
        return users;
    }

    /** Writes the user's email and name. One UPDATE, committed when it returns. */
    public void update(User user) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(UPDATE)) {
            bind(update, user);
            if (update.executeUpdate() != 1) {
                throw new IllegalArgumentException("no user with id " + user.id());
            }
        } catch (SQLException e) {
            throw failed(UPDATE, e);
        }
    }

    /** Applies the updates in order as one JDBC batch in one transaction: all of them, or none. */
    public void updateAll(List<User> users) {
        if (users.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            Transactions.inTransaction(connection, inTransaction -> {
                try (PreparedStatement update = inTransaction.prepareStatement(UPDATE)) {
                    for (User user : users) {
                        bind(update, user);
                        update.addBatch();
                    }
                    return update.executeBatch();
                }
            });
        } catch (SQLException e) {
            throw failed(UPDATE + " (batch of " + users.size() + ")", e);
        }
    }

    private static void bind(PreparedStatement update, User user) throws SQLException {
        update.setString(1, user.email());
        update.setString(2, user.name());
        update.setLong(3, user.id());
    }

    static IllegalStateException failed(String sql, SQLException e) {
        return new IllegalStateException(sql + " failed: " + e.getMessage() + " [SQLState " + e.getSQLState() + "]", e);
    }
}
