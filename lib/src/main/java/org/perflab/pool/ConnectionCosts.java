package org.perflab.pool;

import org.perflab.check.Require;
import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Connection per request against pooled borrowing, timed the same way. Pass a {@link
 * org.perflab.db.Database#dataSource()} for "a new connection per request" (TCP connect, startup
 * message, authentication, backend process start on PostgreSQL) and an {@link ExperimentPool}'s data
 * source for "borrow from a pool" (a queue poll when a connection is idle).
 *
 * <p>Surprise: on H2 in-process a "new connection" is an object allocation, so the gap that is
 * the lesson on PostgreSQL nearly disappears there.
 */
public final class ConnectionCosts {

    public static final int MAX_REPETITIONS = 1_000_000;

    private ConnectionCosts() {
    }

    /** Times {@code getConnection()} alone, {@code repetitions} times; closing is not timed. */
    public static LatencySummary timeAcquisitions(DataSource dataSource, int repetitions) throws SQLException {
        checkRepetitions(repetitions);
        LatencyRecorder recorder = LatencyRecorder.create();
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            Connection connection = dataSource.getConnection();
            recorder.recordNanos(System.nanoTime() - start);
            connection.close();
        }
        return recorder.summary();
    }

    /** Times a whole request: get a connection, run {@code sql}, close (return) the connection. */
    public static LatencySummary timeRequests(DataSource dataSource, String sql, int repetitions) throws SQLException {
        checkRepetitions(repetitions);
        LatencyRecorder recorder = LatencyRecorder.create();
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            recorder.recordNanos(System.nanoTime() - start);
        }
        return recorder.summary();
    }

    private static void checkRepetitions(int repetitions) {
        Require.between("repetitions", repetitions, 1, MAX_REPETITIONS, "measure at least one repetition, e.g. 200");
    }
}
