package org.perflab.db;

import java.util.Locale;

/**
 * What a {@link StatementCounter} saw between two resets. {@code roundTrips} is the number of
 * execute calls that reached the driver (an {@code executeBatch} is one); {@code statements} counts
 * every SQL statement, each batch entry included. For N+1 read {@code roundTrips}: it is the count
 * that each costs a network round trip.
 *
 * @param roundTrips        execute, executeQuery, executeUpdate and executeBatch calls
 * @param statements        SQL statements, each batch entry counted
 * @param selects           SELECT statements (including batch entries)
 * @param inserts           INSERT statements
 * @param updates           UPDATE statements
 * @param deletes           DELETE statements
 * @param other             DDL, SET, COPY and everything else
 * @param failures          executions that threw
 * @param executionNanos    time inside the driver (round trip included), summed over executions
 * @param simulatedDelayNanos delay added on purpose by {@link SimulatedNetworkDelay}; zero when none
 */
public record StatementCounts(long roundTrips, long statements, long selects, long inserts, long updates,
                              long deletes, long other, long failures, long executionNanos,
                              long simulatedDelayNanos) {

    public static final StatementCounts ZERO = new StatementCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The counts since {@code earlier} (both from the same counter). */
    public StatementCounts minus(StatementCounts earlier) {
        return new StatementCounts(roundTrips - earlier.roundTrips, statements - earlier.statements,
                selects - earlier.selects, inserts - earlier.inserts, updates - earlier.updates,
                deletes - earlier.deletes, other - earlier.other, failures - earlier.failures,
                executionNanos - earlier.executionNanos, simulatedDelayNanos - earlier.simulatedDelayNanos);
    }

    public double executionMillis() {
        return executionNanos / 1e6;
    }

    /** The simulated pause each round trip actually took, on average, in milliseconds; 0 without round trips. */
    public double simulatedDelayMillisPerRoundTrip() {
        return roundTrips == 0 ? 0 : simulatedDelayNanos / 1e6 / roundTrips;
    }

    /** "101 round trips, 101 statements (101 select), 3.2 ms in driver (+ 50.5 ms SIMULATED network delay)". */
    public String describe() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%d round trips, %d statements (%d select, %d insert, %d update, %d delete, %d other),"
                        + " %.1f ms in driver",
                roundTrips, statements, selects, inserts, updates, deletes, other, executionMillis()));
        if (failures > 0) {
            text.append(", ").append(failures).append(" failed");
        }
        if (simulatedDelayNanos > 0) {
            text.append(String.format(Locale.ROOT, " (+ %.1f ms SIMULATED network delay)", simulatedDelayNanos / 1e6));
        }
        return text.toString();
    }
}
