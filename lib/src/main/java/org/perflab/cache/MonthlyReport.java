package org.perflab.cache;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.perflab.check.Require;

/**
 * A genuinely slow query to cache: revenue, order count and distinct customers per month and status
 * over every row of {@link org.perflab.db.OrdersDataset}'s {@code orders} table. Nothing narrows it
 * (no WHERE, and no index would help), so the database reads the whole table, sorts for the distinct
 * counts and aggregates: on PostgreSQL, about half a second per million orders on a small machine.
 * The answer changes only when orders change, which makes it the classic thing to cache.
 *
 * <p>The result comes back as one string, a line per month and status, as it would be stored in a
 * cache. {@link #overFirstOrders} runs the same aggregation over a prefix of the orders, for
 * experiments that start dozens of copies at once.
 */
public final class MonthlyReport {

    private static final String SELECT = "SELECT EXTRACT(YEAR FROM created_at) AS y, EXTRACT(MONTH FROM created_at)"
            + " AS m, status, count(*) AS orders, sum(amount) AS revenue, count(DISTINCT user_id) AS customers"
            + " FROM orders";
    private static final String GROUP = " GROUP BY EXTRACT(YEAR FROM created_at), EXTRACT(MONTH FROM created_at), status"
            + " ORDER BY y, m, status";

    private final DataSource dataSource;
    private final long firstOrders;
    private final AtomicLong runs = new AtomicLong();

    private MonthlyReport(DataSource dataSource, long firstOrders) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.firstOrders = Require.atLeast("firstOrders", firstOrders, 1, "let the report read at least one order");
    }

    /** The report over every order. */
    public static MonthlyReport overAllOrders(DataSource dataSource) {
        return new MonthlyReport(dataSource, Long.MAX_VALUE);
    }

    /**
     * The same report over orders 1 to {@code firstOrders} only (a primary-key range, then the same
     * aggregation): a smaller, still genuine slow query, for experiments that run it many times at once.
     */
    public static MonthlyReport overFirstOrders(DataSource dataSource, long firstOrders) {
        return new MonthlyReport(dataSource, firstOrders);
    }

    /** Runs the query; one line per month and status: {@code 2024-07 paid 4982 1249887.15 3712}. */
    public String run() {
        StringBuilder report = new StringBuilder(8192);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(SELECT + " WHERE id BETWEEN ? AND ?" + GROUP)) {
            // Order ids start at 1, so any lower bound below 1 selects the same rows. A new one each run,
            // because H2 hands back the previous result of an identical prepared query on unchanged
            // tables: a cache of its own that would make every run after the first a hit.
            query.setLong(1, -runs.getAndIncrement());
            query.setLong(2, firstOrders);
            try (ResultSet rows = query.executeQuery()) {
                appendRows(report, rows);
            }
        } catch (SQLException e) {
            throw UserTable.failed("the monthly report", e);
        }
        return report.toString();
    }

    private static void appendRows(StringBuilder report, ResultSet rows) throws SQLException {
        while (rows.next()) {
            report.append(rows.getInt(1)).append('-').append(String.format(java.util.Locale.ROOT, "%02d", rows.getInt(2)))
                    .append(' ').append(rows.getString(3)).append(' ').append(rows.getLong(4)).append(' ')
                    .append(rows.getBigDecimal(5).toPlainString()).append(' ').append(rows.getLong(6)).append('\n');
        }
    }

    @Override
    public String toString() {
        return "MonthlyReport[" + (firstOrders == Long.MAX_VALUE ? "all orders" : "orders 1.." + firstOrders) + "]";
    }

    /** Lines in a report: months x statuses present. */
    public static long lines(String report) {
        return report.chars().filter(c -> c == '\n').count();
    }
}
