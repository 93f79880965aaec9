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

/**
 * How a lookup's time grows with the table: for each size, a copy of the first {@code rows} rows of a
 * source table (ids 1..rows), looked up by {@code id} first with no index (a sequential scan) and then
 * through a B-tree on {@code id}. Each lookup asks for a different id and returns one row, so the
 * result does not grow with the table; only the search does. The copy is dropped after its size.
 *
 * <p>On PostgreSQL parallel workers are switched off for the scans ({@code max_parallel_workers_per_gather
 * = 0}, this session only, restored afterwards): PostgreSQL starts them only above a size threshold
 * (8 MB), so with them the large tables would get two cores and the small ones one, and the growth
 * exponent would measure the switch, not the scan. The B-tree's depth comes from {@code bt_metap}
 * (the pageinspect extension, created if the server has it); where it has not, or on H2, the depth is
 * reported as unknown (-1) and {@link LookupGrowthResult#depthSource()} says why.
 */
public final class LookupGrowth {

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
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a growth exponent needs at least 2 sizes but got " + sizes.length);
        }
        for (long size : sizes) {
            if (size < 1) {
                throw new IllegalArgumentException("sizes must be at least 1 row but one was " + size);
            }
        }
        if (scanLookups < 2 || indexLookups < 2) {
            throw new IllegalArgumentException("scanLookups and indexLookups must be at least 2 for an interval but were "
                    + scanLookups + " and " + indexLookups);
        }
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
        List<LookupGrowthResult.Size> results = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        try {
            if (postgres) {
                execute("SET max_parallel_workers_per_gather = 0");
            }
            for (long rows : sizes) {
                results.add(measure(rows, postgres, metap, random));
            }
        } finally {
            if (postgres) {
                execute("SET max_parallel_workers_per_gather = " + parallel);
            }
        }
        return new LookupGrowthResult(results, depthSource);
    }

    private LookupGrowthResult.Size measure(long rows, boolean postgres, String metap, SplittableRandom random)
            throws SQLException {
        String copy = "lookup_growth_" + rows;
        execute("DROP TABLE IF EXISTS " + copy);
        execute("CREATE TABLE " + copy + " AS SELECT * FROM " + sourceTable + " WHERE id <= " + rows);
        try {
            long counted = Long.parseLong(single("SELECT count(*) FROM " + copy));
            if (counted != rows) {
                throw new IllegalStateException(sourceTable + " holds " + counted + " rows with id <= " + rows
                        + ", not " + rows + ": the growth sweep needs ids numbered 1, 2, 3 ... up to the largest size");
            }
            execute(postgres ? "VACUUM ANALYZE " + copy : "ANALYZE TABLE " + copy);
            String lookup = "SELECT * FROM " + copy + " WHERE id = ?";
            double[] scanMillis = time(lookup, rows, scanLookups, random);
            execute("CREATE INDEX " + copy + "_id ON " + copy + " (id)");
            execute(postgres ? "ANALYZE " + copy : "ANALYZE TABLE " + copy);
            double[] indexMillis = time(lookup, rows, indexLookups, random);
            long tablePages = postgres ? Long.parseLong(single("SELECT pg_relation_size('" + copy + "') / 8192")) : -1;
            long indexPages = postgres ? Long.parseLong(single("SELECT pg_relation_size('" + copy + "_id') / 8192")) : -1;
            int levels = metap != null ? Integer.parseInt(single("SELECT level + 1 FROM " + metap + "('" + copy + "_id')")) : -1;
            return new LookupGrowthResult.Size(rows, tablePages, indexPages, levels, scanMillis, indexMillis);
        } finally {
            execute("DROP TABLE IF EXISTS " + copy);
        }
    }

    /** Times {@code count} lookups of random ids after a tenth as many untimed ones (at least 2), in ms each. */
    private double[] time(String sql, long rows, int count, SplittableRandom random) throws SQLException {
        int warmup = Math.max(2, count / 10);
        double[] millis = new double[count];
        try (PreparedStatement lookup = connection.prepareStatement(sql)) {
            for (int i = 0; i < warmup + count; i++) {
                long start = System.nanoTime();
                lookup.setLong(1, random.nextLong(1, rows + 1));
                int found = 0;
                try (ResultSet row = lookup.executeQuery()) {
                    while (row.next()) {
                        found++;
                    }
                }
                if (found != 1) {
                    throw new IllegalStateException("a lookup by id returned " + found + " rows, not 1: " + sql);
                }
                if (i >= warmup) {
                    millis[i - warmup] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        return millis;
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
