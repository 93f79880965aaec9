package org.perflab.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.perflab.check.Require;

/**
 * How a lookup's time grows with the table: for each size, a copy of the first {@code rows} rows of a
 * source table (ids 1..rows), looked up by {@code id} first with no index (a sequential scan) and then
 * through a B-tree on {@code id}. Each lookup asks for a different id and returns one row, so the
 * result does not grow with the table; only the search does. It reads only the id, so that with the
 * index PostgreSQL answers from the index alone (an index-only scan, the copies being vacuumed): the
 * lookup's work is then the tree's depth and nothing else. All copies exist at once and the sizes
 * take turns, so the machine's changes of pace fall on every size alike; they are dropped at the end.
 *
 * <p>On PostgreSQL parallel workers are switched off for the scans ({@code max_parallel_workers_per_gather
 * = 0}, this session only, restored afterwards): PostgreSQL starts them only above a size threshold
 * (8 MB), so with them the large tables would get two cores and the small ones one, and the growth
 * exponent would measure the switch, not the scan. The B-tree's depth comes from {@code bt_metap}
 * (the pageinspect extension, created if the server has it); where it has not, or on H2, the depth is
 * reported as unknown (-1) and {@link LookupGrowthResult#depthSource()} says why.
 */
public final class LookupGrowth {

    /** Untimed turns over all sizes before the timed ones. */
    private static final int WARMUP_TURNS = 2;
    /** Index lookups per size per turn: short enough that every size sees the same moments of the machine. */
    private static final int INDEX_BLOCK = 10;

    private final Connection connection;
    private final String sourceTable;
    private final long[] sizes;
    private final int scanLookups;
    private final int indexLookups;
    private final long seed;

    private LookupGrowth(Connection connection, String sourceTable, long[] sizes, int scanLookups, int indexLookups,
                         long seed) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.sourceTable = Objects.requireNonNull(sourceTable, "sourceTable");
        Require.atLeast("sizes", sizes.length, 2, "a growth exponent needs at least 2 table sizes, e.g. 1_000, 100_000");
        for (long size : sizes) {
            Require.atLeast("each size", size, 1, "give table sizes of at least one row");
        }
        Require.atLeast("scanLookups", scanLookups, 2, "an interval needs at least 2 lookups, e.g. 20");
        Require.atLeast("indexLookups", indexLookups, 2, "an interval needs at least 2 lookups, e.g. 200");
        this.sizes = sizes.clone();
        this.scanLookups = scanLookups;
        this.indexLookups = indexLookups;
        this.seed = seed;
    }

    /**
     * @param sourceTable  a table with a {@code bigint id} numbered from 1 and at least the largest size of rows
     * @param scanLookups  timed lookups per size by sequential scan (each reads the whole copy)
     * @param indexLookups timed lookups per size through the index
     */
    public static LookupGrowth of(Connection connection, String sourceTable, long[] sizes, int scanLookups,
                                  int indexLookups, long seed) {
        return new LookupGrowth(connection, sourceTable, sizes, scanLookups, indexLookups, seed);
    }

    public LookupGrowthResult run() throws SQLException {
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        String depthSource = postgres ? enablePageInspect() : "not available on H2 (no B-tree metadata function)";
        String metap = depthSource.startsWith("bt_metap")
                ? single("SELECT extnamespace::regnamespace FROM pg_extension WHERE extname = 'pageinspect'") + ".bt_metap" : null;
        String parallel = postgres ? single("SHOW max_parallel_workers_per_gather") : null;
        SplittableRandom random = new SplittableRandom(seed);
        try {
            if (postgres) {
                execute("SET max_parallel_workers_per_gather = 0");
            }
            for (long rows : sizes) {
                createCopy(rows, postgres);
            }
            double[][] scanMillis = timeInTurns(scanLookups, 1, random);
            for (long rows : sizes) {
                execute("CREATE INDEX " + copy(rows) + "_id ON " + copy(rows) + " (id)");
                execute(postgres ? "ANALYZE " + copy(rows) : "ANALYZE TABLE " + copy(rows));
            }
            double[][] indexMillis = timeInTurns(indexLookups, INDEX_BLOCK, random);
            List<LookupGrowthResult.Size> results = new ArrayList<>();
            for (int s = 0; s < sizes.length; s++) {
                String copy = copy(sizes[s]);
                long tablePages = postgres ? Long.parseLong(single("SELECT pg_relation_size('" + copy + "') / 8192")) : -1;
                long indexPages = postgres ? Long.parseLong(single("SELECT pg_relation_size('" + copy + "_id') / 8192")) : -1;
                int levels = metap != null ? Integer.parseInt(single("SELECT level + 1 FROM " + metap + "('" + copy + "_id')")) : -1;
                results.add(new LookupGrowthResult.Size(sizes[s], tablePages, indexPages, levels, scanMillis[s], indexMillis[s]));
            }
            return new LookupGrowthResult(results, depthSource);
        } finally {
            for (long rows : sizes) {
                execute("DROP TABLE IF EXISTS " + copy(rows));
            }
            if (postgres) {
                execute("SET max_parallel_workers_per_gather = " + parallel);
            }
        }
    }

    private static String copy(long rows) {
        return "lookup_growth_" + rows;
    }

    private void createCopy(long rows, boolean postgres) throws SQLException {
        String copy = copy(rows);
        execute("DROP TABLE IF EXISTS " + copy);
        execute("CREATE TABLE " + copy + " AS SELECT * FROM " + sourceTable + " WHERE id <= " + rows);
        long counted = Long.parseLong(single("SELECT count(*) FROM " + copy));
        if (counted != rows) {
            throw new IllegalStateException(sourceTable + " holds " + counted + " rows with id <= " + rows
                    + ", not " + rows + ": the growth sweep needs ids numbered 1, 2, 3 ... up to the largest size");
        }
        // VACUUM marks every page all-visible, so that with the index the lookup is an index-only scan
        execute(postgres ? "VACUUM ANALYZE " + copy : "ANALYZE TABLE " + copy);
    }

    /**
     * {@code count} lookups per size, taken in turns: a block of {@code block} lookups at each size, the
     * sizes in a rotated order each turn, so a change of the machine's pace falls on every size alike
     * instead of tilting the growth. Two untimed turns first. Returns [size][lookup] in ms.
     */
    private double[][] timeInTurns(int count, int block, SplittableRandom random) throws SQLException {
        double[][] millis = new double[sizes.length][count];
        List<PreparedStatement> lookups = new ArrayList<>();
        try {
            for (long rows : sizes) {
                lookups.add(connection.prepareStatement("SELECT id FROM " + copy(rows) + " WHERE id = ?"));
            }
            int turns = (count + block - 1) / block;
            for (int turn = -WARMUP_TURNS; turn < turns; turn++) {
                for (int k = 0; k < sizes.length; k++) {
                    int s = Math.floorMod(k + turn, sizes.length);
                    for (int j = 0; j < block; j++) {
                        double ms = lookupMillis(lookups.get(s), sizes[s], random);
                        int index = turn * block + j;
                        if (turn >= 0 && index < count) {
                            millis[s][index] = ms;
                        }
                    }
                }
            }
        } finally {
            for (PreparedStatement lookup : lookups) {
                lookup.close();
            }
        }
        return millis;
    }

    private double lookupMillis(PreparedStatement lookup, long rows, SplittableRandom random) throws SQLException {
        long start = System.nanoTime();
        lookup.setLong(1, random.nextLong(1, rows + 1));
        int found = 0;
        try (ResultSet row = lookup.executeQuery()) {
            while (row.next()) {
                found++;
            }
        }
        if (found != 1) {
            throw new IllegalStateException("a lookup by id returned " + found + " rows, not 1, in a table of " + rows);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private String enablePageInspect() {
        try {
            // In the session's first schema (the notebook's own, dropped with it), unless the server has it already.
            execute("CREATE EXTENSION IF NOT EXISTS pageinspect");
            return "bt_metap (pageinspect): the root's level + 1";
        } catch (SQLException e) {
            return "unknown: pageinspect is not available (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String single(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    @Override
    public String toString() {
        return "LookupGrowth[copies of " + sourceTable + " with " + Arrays.toString(sizes) + " rows; " + scanLookups
                + " scan and " + indexLookups + " index lookups per size, seed " + seed + "]";
    }
}
