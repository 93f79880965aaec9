package org.perflab.pool;

/**
 * What happened when every connection of a pool was held and one more was asked for.
 *
 * @param held          connections held when the extra request was made
 * @param waitedMs      how long the extra request waited before failing
 * @param exceptionType the exception's class name (HikariCP: {@code java.sql.SQLTransientConnectionException})
 * @param message       HikariCP's message, which carries the pool state: "... (total=2, active=2, idle=0, waiting=0)"
 * @param sqlState      the SQLState, or null
 * @param atFailure     the pool's numbers read right after the failure
 */
public record ExhaustionResult(int held, long waitedMs, String exceptionType, String message, String sqlState,
                               PoolSnapshot atFailure) {

    /** One line for a notebook: what was held, how long the extra request waited, and the error. */
    public String describe() {
        return "held " + held + " connections; the next getConnection() waited " + waitedMs + " ms and failed: "
                + exceptionType + ": " + message + (sqlState == null ? "" : " [SQLState " + sqlState + "]")
                + "; pool after: " + atFailure.describe();
    }
}
