package org.perflab.db;

import org.perflab.check.Require;
import org.perflab.latency.Rounds;
import org.perflab.verdict.Estimate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One round trip to the database, measured the way the N+1 loop pays it: single author lookups by
 * primary key, one after another on one connection ({@link BlogDataset}'s {@code authors} table).
 * A lookup is timed in blocks of {@code lookupsPerBlock}, because one lookup (tens of microseconds)
 * is too short to time alone without the clock's own cost showing; a block's time divided by its
 * lookups is one sample, and the median block is the round trip.
 *
 * <p>Why a warm-up: the first few hundred lookups run in the interpreter, and pgjdbc switches to a
 * server-side prepared statement only after five executions; timed at once they read several times
 * too slow. {@link #measure} runs lookups untimed for the warm-up before the first timed block.
 */
public final class RoundTripProbe {

    private static final String LOOKUP = "SELECT name FROM authors WHERE id = ?";
    /** A prime step through the ids, so consecutive lookups hit different rows and index pages. */
    private static final long ID_STEP = 7919L;

    private final int authors;
    private final int lookupsPerBlock;

    private RoundTripProbe(int authors, int lookupsPerBlock) {
        Require.atLeast("authors", authors, 1, "look up at least one author");
        Require.atLeast("lookupsPerBlock", lookupsPerBlock, 1, "time at least one lookup per block, e.g. 200");
        this.authors = authors;
        this.lookupsPerBlock = lookupsPerBlock;
    }

    /** Lookups among author ids 1..authors, timed in blocks of {@code lookupsPerBlock}. */
    public static RoundTripProbe authorLookups(int authors, int lookupsPerBlock) {
        return new RoundTripProbe(authors, lookupsPerBlock);
    }

    public int lookupsPerBlock() {
        return lookupsPerBlock;
    }

    /** {@code count} single lookups, one round trip each; returns the names read (so none is skipped). */
    public List<String> lookups(Connection connection, int count) throws SQLException {
        List<String> names = new ArrayList<>(count);
        try (PreparedStatement lookup = connection.prepareStatement(LOOKUP)) {
            for (int i = 1; i <= count; i++) {
                lookup.setLong(1, 1 + (i * ID_STEP) % authors);
                try (ResultSet row = lookup.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("author " + (1 + (i * ID_STEP) % authors)
                                + " not found: the probe needs authors 1.." + authors + " loaded");
                    }
                    names.add(row.getString(1));
                }
            }
        }
        return names;
    }

    /** One sample: a block of lookups, in milliseconds per lookup. */
    public double blockMillisPerLookup(Connection connection) throws SQLException {
        return millisPerLookup(connection, lookupsPerBlock);
    }

    /**
     * {@code count} lookups timed together, in milliseconds per lookup: the round trip as a loop on
     * this connection pays it now (through whatever the connection's data source adds, such as a
     * {@link SimulatedNetworkDelay}).
     */
    public double millisPerLookup(Connection connection, int count) throws SQLException {
        Require.atLeast("lookups", count, 1, "time at least one lookup, e.g. 200");
        long start = System.nanoTime();
        lookups(connection, count);
        return (System.nanoTime() - start) / 1e6 / count;
    }

    /** {@code blocks} samples, in milliseconds per lookup, in the order taken. */
    public double[] samples(Connection connection, int blocks) throws SQLException {
        double[] perLookupMillis = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            perLookupMillis[b] = blockMillisPerLookup(connection);
        }
        return perLookupMillis;
    }

    /**
     * One round trip in milliseconds: lookups untimed for {@code warmup}, then the median of
     * {@code blocks} blocks, with a bootstrap interval of that median.
     */
    public Estimate measure(DataSource source, Duration warmup, int blocks) throws SQLException {
        Objects.requireNonNull(warmup, "warmup");
        Require.atLeast("blocks", blocks, 2, "an interval needs at least 2 blocks, e.g. 10");
        try (Connection connection = source.getConnection()) {
            long until = System.nanoTime() + warmup.toNanos();
            while (System.nanoTime() < until) {
                lookups(connection, lookupsPerBlock);
            }
            return Estimate.bootstrap(samples(connection, blocks), Rounds::median);
        }
    }

    @Override
    public String toString() {
        return "RoundTripProbe[author lookups by id among " + authors + ", " + lookupsPerBlock + " per block]";
    }
}
