package org.perflab.db;

import org.perflab.check.Require;
import org.perflab.latency.LatencyRecorder;
import org.perflab.latency.LatencySummary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What secondary indexes cost a writer: insert throughput into a table shaped like
 * {@link OrdersDataset}'s orders with 0, 1, 3 or 5 secondary indexes (the primary key is always there).
 *
 * <pre>{@code
 * List<IndexWriteCost.Result> results = IndexWriteCost.builder().dataset(orders).rows(50_000).build()
 *         .measure(schema, IndexWriteCost.zeroOneThreeFive());
 * IndexWriteCost.toTable(results)
 * }</pre>
 *
 * <p>Each trial creates the table afresh, creates the set's indexes, inserts {@code warmupRows}
 * untimed (JIT, caches, the first index pages), then inserts {@code rows} timed, in batches of
 * {@code batchSize}, one transaction per batch, as an application writing in bulk would. Every set
 * gets the same seeded rows. Trials go round the sets in turn, starting one set later each time, so
 * a slow moment of the machine does not land on one set only; the result per set is the median
 * trial. The table is dropped after every trial.
 *
 * <p>Surprise: with the table and its indexes in memory, an index costs CPU and WAL, not disk
 * seeks; on a table larger than memory each index adds random reads too and the gap widens.
 */
public final class IndexWriteCost {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /**
     * A named set of secondary indexes; each entry is one index's column list, e.g.
     * {@code "user_id"} or {@code "user_id, created_at"}.
     */
    public record IndexSet(String name, List<String> indexes) {
        public IndexSet {
            Objects.requireNonNull(name, "name");
            indexes = List.copyOf(indexes);
        }

        public static IndexSet of(String name, String... indexes) {
            return new IndexSet(name, List.of(indexes));
        }

        /** "user_id; user_id, created_at", or "primary key only" for no secondary index. */
        public String columns() {
            return indexes.isEmpty() ? "primary key only" : String.join("; ", indexes);
        }
    }

    /**
     * One index set's measurement.
     *
     * @param rowsPerSecond median over trials of rows inserted per second
     * @param microsPerRow  the same as time per row: 1,000,000 / rowsPerSecond
     * @param trialRowsPerSecond every trial's throughput, in the order run
     * @param batchLatency  time per batch (insert + commit) over all trials, in nanoseconds
     */
    public record Result(IndexSet indexSet, long rowsPerTrial, int batchSize, double rowsPerSecond,
                         double microsPerRow, List<Double> trialRowsPerSecond, LatencySummary batchLatency) {

        public int indexCount() {
            return indexSet.indexes().size();
        }

        /** "1 index (user_id): 61234 rows/s, 16.3 us per row, median of 3 trials ...". */
        public String describe() {
            return String.format(Locale.ROOT, "%s (%s): %.0f rows/s, %.1f us per row,"
                            + " median of %d trials of %d rows; batch p50 %.2f ms, p99 %.2f ms (n=%d)",
                    indexSet.name(), indexSet.columns(), rowsPerSecond, microsPerRow, trialRowsPerSecond.size(),
                    rowsPerTrial, batchLatency.p50Millis(), batchLatency.p99Millis(), batchLatency.count());
        }
    }

    private final OrdersDataset dataset;
    private final int rows;
    private final int warmupRows;
    private final int batchSize;
    private final int trials;
    private final String tableName;

    private IndexWriteCost(Builder builder) {
        this.dataset = builder.dataset;
        this.rows = builder.rows;
        this.warmupRows = builder.warmupRows;
        this.batchSize = builder.batchSize;
        this.trials = builder.trials;
        this.tableName = builder.tableName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * 0, 1, 3 and 5 secondary indexes, each set the one before plus more: user_id; then created_at
     * and status; then (user_id, created_at) and amount.
     */
    public static List<IndexSet> zeroOneThreeFive() {
        return List.of(
                IndexSet.of("0 indexes"),
                IndexSet.of("1 index", "user_id"),
                IndexSet.of("3 indexes", "user_id", "created_at", "status"),
                IndexSet.of("5 indexes", "user_id", "created_at", "status", "user_id, created_at", "amount"));
    }

    /**
     * Measures every set, in trials round the sets, and drops what it created.
     *
     * @return one result per set, in the order given
     * @throws IllegalArgumentException naming the bad column when an index names one the table lacks
     */
    public List<Result> measure(Schema schema, List<IndexSet> sets) throws SQLException {
        Objects.requireNonNull(schema, "schema");
        if (sets == null || sets.isEmpty()) {
            throw new IllegalArgumentException("sets must name at least one index set, e.g. zeroOneThreeFive()");
        }
        GeneratedTable table = dataset.ordersTable().renamed(tableName);
        sets.forEach(set -> set.indexes().forEach(columns -> requireColumns(table, set, columns)));
        List<Object[]> rowsToInsert = firstRows(table, warmupRows + rows);

        Map<IndexSet, List<Double>> throughputs = new LinkedHashMap<>();
        Map<IndexSet, LatencyRecorder> batchLatencies = new LinkedHashMap<>();
        sets.forEach(set -> {
            throughputs.put(set, new ArrayList<>());
            batchLatencies.put(set, LatencyRecorder.create());
        });
        try (Connection connection = schema.connection()) {
            for (int trial = 0; trial < trials; trial++) {
                for (int i = 0; i < sets.size(); i++) {
                    IndexSet set = sets.get((i + trial) % sets.size());
                    throughputs.get(set).add(oneTrial(connection, table, set, rowsToInsert, batchLatencies.get(set)));
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (IndexSet set : sets) {
            double median = median(throughputs.get(set));
            results.add(new Result(set, rows, batchSize, median, 1e6 / median, List.copyOf(throughputs.get(set)),
                    batchLatencies.get(set).summary()));
        }
        return results;
    }

    /** Creates the table and indexes, inserts, checks the count, drops the table; returns rows per second. */
    private double oneTrial(Connection connection, GeneratedTable table, IndexSet set, List<Object[]> rowsToInsert,
                            LatencyRecorder batchLatency) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(table.createSql());
            try {
                for (String createIndex : createIndexStatements(set)) {
                    statement.execute(createIndex);
                }
                insert(connection, table, rowsToInsert.subList(0, warmupRows), null);
                long start = System.nanoTime();
                insert(connection, table, rowsToInsert.subList(warmupRows, rowsToInsert.size()), batchLatency);
                long elapsedNanos = System.nanoTime() - start;
                requireRowCount(statement, rowsToInsert.size());
                return rows * 1e9 / elapsedNanos;
            } finally {
                statement.execute("DROP TABLE " + tableName);
            }
        }
    }

    /** Batched INSERTs, one transaction per batch; each batch's time goes to {@code batchLatency} if given. */
    private void insert(Connection connection, GeneratedTable table, List<Object[]> batchRows,
                        LatencyRecorder batchLatency) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(RowLoader.insertSql(table))) {
            for (int from = 0; from < batchRows.size(); from += batchSize) {
                long batchStart = System.nanoTime();
                for (Object[] row : batchRows.subList(from, Math.min(from + batchSize, batchRows.size()))) {
                    RowLoader.bind(insert, row);
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
                if (batchLatency != null) {
                    batchLatency.recordNanos(System.nanoTime() - batchStart);
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private void requireRowCount(Statement statement, long expected) throws SQLException {
        try (var count = statement.executeQuery("SELECT count(*) FROM " + tableName)) {
            count.next();
            if (count.getLong(1) != expected) {
                throw new IllegalStateException(tableName + " holds " + count.getLong(1) + " rows after inserting "
                        + expected);
            }
        }
    }

    private static List<Object[]> firstRows(GeneratedTable table, int count) {
        if (table.rowCount() < count) {
            throw new IllegalArgumentException("the dataset generates " + table.rowCount() + " orders but warm-up"
                    + " plus timed rows need " + count + "; build it with orders(" + count + ") or more");
        }
        List<Object[]> rows = new ArrayList<>(count);
        Iterator<Object[]> iterator = table.rows().get();
        while (rows.size() < count) {
            rows.add(iterator.next());
        }
        return rows;
    }

    private static void requireColumns(GeneratedTable table, IndexSet set, String columns) {
        for (String column : columns.split(",", -1)) {
            if (!table.columns().contains(column.strip())) {
                throw new IllegalArgumentException("index set '" + set.name() + "' indexes (" + columns + "), but '"
                        + column.strip() + "' is not a column of orders; columns are " + table.columns());
            }
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * One row per set: {@code index_set, indexes, columns, rows_per_trial, trials, rows_per_s, us_per_row,
     * vs_first} (throughput relative to the first set), {@code batch_p50_ms, batch_p99_ms}.
     */
    public static Table toTable(List<Result> results) {
        StringColumn name = StringColumn.create("index_set");
        IntColumn indexes = IntColumn.create("indexes");
        StringColumn columns = StringColumn.create("columns");
        LongColumn rowsPerTrial = LongColumn.create("rows_per_trial");
        IntColumn trialCount = IntColumn.create("trials");
        DoubleColumn rowsPerSecond = DoubleColumn.create("rows_per_s");
        DoubleColumn microsPerRow = DoubleColumn.create("us_per_row");
        DoubleColumn relative = DoubleColumn.create("vs_first");
        DoubleColumn p50 = DoubleColumn.create("batch_p50_ms");
        DoubleColumn p99 = DoubleColumn.create("batch_p99_ms");
        for (Result result : results) {
            name.append(result.indexSet().name());
            indexes.append(result.indexCount());
            columns.append(result.indexSet().columns());
            rowsPerTrial.append(result.rowsPerTrial());
            trialCount.append(result.trialRowsPerSecond().size());
            rowsPerSecond.append(Math.round(result.rowsPerSecond()));
            microsPerRow.append(result.microsPerRow());
            relative.append(result.rowsPerSecond() / results.get(0).rowsPerSecond());
            p50.append(result.batchLatency().p50Millis());
            p99.append(result.batchLatency().p99Millis());
        }
        for (DoubleColumn column : List.of(microsPerRow, relative, p50, p99)) {
            column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        }
        rowsPerSecond.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
        return Table.create("insert throughput by secondary indexes", name, indexes, columns, rowsPerTrial,
                trialCount, rowsPerSecond, microsPerRow, relative, p50, p99);
    }

    /** Configures a measurement; every option has a default. */
    public static final class Builder {
        private OrdersDataset dataset = OrdersDataset.builder().build();
        private int rows = 50_000;
        private int warmupRows = 10_000;
        private int batchSize = 1_000;
        private int trials = 3;
        private String tableName = "orders_write_cost";

        private Builder() {
        }

        /** Where the rows come from: its first warm-up + timed orders. Default: OrdersDataset defaults. */
        public Builder dataset(OrdersDataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            return this;
        }

        /** Rows inserted and timed per trial. Default 50,000. */
        public Builder rows(int rows) {
            Require.between("rows", rows, 1, 10_000_000, "insert at least one row");
            this.rows = rows;
            return this;
        }

        /** Rows inserted untimed first in every trial. Default 10,000. */
        public Builder warmupRows(int warmupRows) {
            Require.between("warmupRows", warmupRows, 0, 10_000_000, "give 0 for no warm-up");
            this.warmupRows = warmupRows;
            return this;
        }

        /** Rows per batch and per transaction. Default 1,000. */
        public Builder batchSize(int batchSize) {
            Require.between("batchSize", batchSize, 1, 100_000, "give at least one row per batch, e.g. 1_000");
            this.batchSize = batchSize;
            return this;
        }

        /** Trials per set; the result is the median. Default 3. */
        public Builder trials(int trials) {
            Require.between("trials", trials, 1, 100, "run at least one trial, e.g. 3");
            this.trials = trials;
            return this;
        }

        /** The table created and dropped in each trial. Default {@code orders_write_cost}. */
        public Builder tableName(String tableName) {
            Require.that(tableName != null && IDENTIFIER.matcher(tableName).matches(), "tableName",
                    tableName == null ? null : "'" + tableName + "'", "a lower-case SQL identifier ([a-z_][a-z0-9_]*)",
                    "use lower-case letters, digits and _, e.g. \"orders_indexed\"");
            this.tableName = tableName;
            return this;
        }

        public IndexWriteCost build() {
            return new IndexWriteCost(this);
        }
    }

    @Override
    public String toString() {
        return "IndexWriteCost[" + trials + " trials of " + warmupRows + " warm-up + " + rows + " timed rows in batches"
                + " of " + batchSize + " into " + tableName + ", rows from " + dataset + "]";
    }

    /** The statements a trial runs to create the set's indexes: {@code <table>_idx_1}, {@code _idx_2}, ... */
    List<String> createIndexStatements(IndexSet set) {
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < set.indexes().size(); i++) {
            statements.add("CREATE INDEX " + tableName + "_idx_" + (i + 1) + " ON " + tableName + " ("
                    + set.indexes().get(i) + ")");
        }
        return statements;
    }
}
