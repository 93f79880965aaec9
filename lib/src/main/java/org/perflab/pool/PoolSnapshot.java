package org.perflab.pool;

import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * HikariCP's four numbers at one instant. {@code active + idle == total} only approximately: the
 * four are read one after another while the pool keeps moving.
 *
 * @param active  connections lent out
 * @param idle    connections open and waiting in the pool
 * @param waiting threads blocked in {@code getConnection()}, the number that says the pool is too small
 * @param total   physical connections open
 */
public record PoolSnapshot(int active, int idle, int waiting, int total) {

    static PoolSnapshot of(HikariPoolMXBean pool) {
        return new PoolSnapshot(pool.getActiveConnections(), pool.getIdleConnections(),
                pool.getThreadsAwaitingConnection(), pool.getTotalConnections());
    }

    /** In HikariCP's own words: "total=10, active=10, idle=0, waiting=3". */
    public String describe() {
        return "total=" + total + ", active=" + active + ", idle=" + idle + ", waiting=" + waiting;
    }
}
