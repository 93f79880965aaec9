package org.perflab.db;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.perflab.check.Require;

/**
 * Users and their orders, the same rows for the same seed on every backend:
 * <pre>
 * users  (id bigint primary key, email text, name text, created_at timestamp)
 * orders (id bigint primary key, user_id bigint, created_at timestamp, amount numeric(10,2), status text)
 * </pre>
 * Order user ids are uniform over the users; created_at is spread over {@code days} days ending at
 * {@code endTime} (a fixed instant by default, so data never depends on today's date); amount is
 * 1.00 to 500.00; status is paid 60%, shipped 25%, pending 10%, cancelled 5%.
 *
 * <p>Only primary keys are created: {@code orders.user_id}, {@code created_at} and {@code status}
 * are unindexed on purpose, so an indexing experiment starts from a sequential scan.
 * On PostgreSQL rows go in by COPY (a million in seconds); elsewhere by batched INSERT.
 */
public final class OrdersDataset extends GeneratedDataset {

    public static final long DEFAULT_SEED = 42L;
    public static final LocalDateTime DEFAULT_END_TIME = LocalDateTime.of(2025, 1, 1, 0, 0);
    private static final String[] STATUSES = {"paid", "shipped", "pending", "cancelled"};
    private static final int[] STATUS_PERCENT_CUMULATIVE = {60, 85, 95, 100};

    private final int users;
    private final long orders;
    private final LocalDateTime endTime;
    private final int days;

    private OrdersDataset(Builder builder) {
        super(builder.seed);
        this.users = builder.users;
        this.orders = builder.orders;
        this.endTime = builder.endTime;
        this.days = builder.days;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int users() {
        return users;
    }

    public long orders() {
        return orders;
    }

    /** Tables users, then orders. */
    @Override
    List<GeneratedTable> tables() {
        long seed = seed();
        long secondsSpan = days * 86_400L;
        GeneratedTable usersTable = new GeneratedTable("users",
                "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text NOT NULL,"
                        + " created_at timestamp NOT NULL)",
                List.of("id", "email", "name", "created_at"), users,
                SeededRows.of(users, seed, 0x5EED_0001L, (id, random) -> new Object[] {
                        id, "user" + id + "@example.com", "User " + id,
                        endTime.minusSeconds(secondsSpan + random.nextLong(secondsSpan))}));
        GeneratedTable ordersTable = new GeneratedTable("orders",
                "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, created_at timestamp NOT NULL,"
                        + " amount numeric(10,2) NOT NULL, status text NOT NULL)",
                List.of("id", "user_id", "created_at", "amount", "status"), orders,
                SeededRows.of(orders, seed, 0x5EED_0002L, (id, random) -> new Object[] {
                        id, 1 + random.nextLong(users), endTime.minusSeconds(1 + random.nextLong(secondsSpan)),
                        BigDecimal.valueOf(100 + random.nextLong(49_901), 2), status(random.nextInt(100))}));
        return List.of(usersTable, ordersTable);
    }

    /** The orders table alone, for experiments that insert its rows themselves. */
    GeneratedTable ordersTable() {
        return tables().get(1);
    }

    private static String status(int percentile) {
        for (int i = 0; i < STATUSES.length; i++) {
            if (percentile < STATUS_PERCENT_CUMULATIVE[i]) {
                return STATUSES[i];
            }
        }
        throw new IllegalStateException("percentile out of range: " + percentile);
    }

    @Override
    public String toString() {
        return "OrdersDataset[users=" + users + ", orders=" + orders + ", seed=" + seed() + ", days=" + days
                + " ending " + endTime + "]";
    }

    /** Defaults: 10,000 users, 100,000 orders, seed 42, 365 days ending 2025-01-01. */
    public static final class Builder {
        private int users = 10_000;
        private long orders = 100_000;
        private long seed = DEFAULT_SEED;
        private LocalDateTime endTime = DEFAULT_END_TIME;
        private int days = 365;

        private Builder() {
        }

        public Builder users(int users) {
            Require.between("users", users, 1, 100_000_000, "give at least one user, e.g. 10_000");
            this.users = users;
            return this;
        }

        public Builder orders(long orders) {
            Require.between("orders", orders, 0, 1_000_000_000, "give 0 or more orders, e.g. 1_000_000");
            this.orders = orders;
            return this;
        }

        /** Print it with the results: the same seed reproduces the same rows. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder endTime(LocalDateTime endTime) {
            this.endTime = java.util.Objects.requireNonNull(endTime, "endTime");
            return this;
        }

        public Builder days(int days) {
            Require.between("days", days, 1, 36_500, "spread the orders over 1 day to 100 years, e.g. 365");
            this.days = days;
            return this;
        }

        public OrdersDataset build() {
            return new OrdersDataset(this);
        }
    }
}
