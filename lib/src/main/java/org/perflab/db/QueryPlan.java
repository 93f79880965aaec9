package org.perflab.db;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.ToLongFunction;
import org.perflab.check.Require;

/**
 * How the database actually ran one query: the plan it chose, executed, with what each step read.
 *
 * <pre>{@code
 * QueryPlan plan = QueryPlan.explain(connection, "SELECT * FROM orders WHERE user_id = ?", 4242L);
 * plan.isSequentialScan();      // true before an index exists
 * plan.indexNames();            // [idx_orders_user_id] after
 * System.out.println(plan.text());
 * }</pre>
 *
 * <ul>
 *   <li>PostgreSQL: {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} for the nodes and times, and
 *       {@code EXPLAIN (ANALYZE, BUFFERS)} for {@link #text()}, the form people read.</li>
 *   <li>H2: {@code EXPLAIN ANALYZE}; each table read becomes a {@code "Table Scan"} or an
 *       {@code "Index Scan"} node with its index, condition and scan count.</li>
 * </ul>
 *
 * <p>Surprise: ANALYZE <em>runs</em> the statement, and on PostgreSQL it runs twice (JSON, then text),
 * so the two forms come from two executions and their times differ a little; use it on SELECTs, or on
 * writes inside a transaction you roll back. Parallel workers can also differ between the two runs.
 */
public final class QueryPlan {

    private final String backend;
    private final String sql;
    private final List<PlanNode> nodes;
    private final double planningMillis;
    private final double executionMillis;
    private final String text;

    QueryPlan(String backend, String sql, List<PlanNode> nodes, double planningMillis, double executionMillis,
              String text) {
        this.backend = backend;
        this.sql = sql;
        this.nodes = List.copyOf(nodes);
        this.planningMillis = planningMillis;
        this.executionMillis = executionMillis;
        this.text = text;
    }

    /**
     * Runs {@code sql} under EXPLAIN ANALYZE on {@code connection}'s backend, binding {@code parameters}
     * to its {@code ?} placeholders in order.
     *
     * @throws SQLException naming the SQL and the server's message when the statement is not valid
     * @throws IllegalArgumentException when the backend is neither PostgreSQL nor H2
     */
    public static QueryPlan explain(Connection connection, String sql, Object... parameters) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        Require.notBlank("sql", sql, "give the query to explain, e.g. \"SELECT * FROM orders WHERE user_id = ?\"");
        String product = connection.getMetaData().getDatabaseProductName();
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            PostgresPlanParser.Parsed parsed = PostgresPlanParser.parse(
                    run(connection, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ", sql, parameters));
            String text = run(connection, "EXPLAIN (ANALYZE, BUFFERS) ", sql, parameters);
            return new QueryPlan("PostgreSQL", sql, parsed.nodes(), parsed.planningMillis(),
                    parsed.executionMillis(), text);
        }
        if ("H2".equalsIgnoreCase(product)) {
            String text = run(connection, "EXPLAIN ANALYZE ", sql, parameters);
            return new QueryPlan("H2", sql, H2PlanParser.parse(text), Double.NaN, Double.NaN, text);
        }
        throw new IllegalArgumentException("QueryPlan reads PostgreSQL and H2 plans, not " + product);
    }

    /** The plan's rows joined by newlines: PostgreSQL returns one row per line, H2 one row in all. */
    private static String run(Connection connection, String explain, String sql, Object[] parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(explain + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            StringJoiner lines = new StringJoiner("\n");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            return lines.toString();
        } catch (SQLException e) {
            throw new SQLException("Could not run " + explain.strip() + " on: " + sql + " with parameters "
                    + Arrays.toString(parameters) + ": " + e.getMessage(), e.getSQLState(),
                    e.getErrorCode(), e);
        }
    }

    /** "PostgreSQL" or "H2". */
    public String backend() {
        return backend;
    }

    public String sql() {
        return sql;
    }

    /** Every step, depth first from the root (PostgreSQL); in join order (H2). */
    public List<PlanNode> nodes() {
        return nodes;
    }

    /** The node types in plan order, with duplicates: {@code [Bitmap Heap Scan, Bitmap Index Scan]}. */
    public List<String> nodeTypes() {
        return nodes.stream().map(PlanNode::nodeType).toList();
    }

    /** True if any step is of {@code nodeType} ("Seq Scan", "Index Only Scan", ...; case-insensitive). */
    public boolean uses(String nodeType) {
        return nodes.stream().anyMatch(node -> node.nodeType().equalsIgnoreCase(nodeType));
    }

    /** The indexes the plan reads, in plan order. */
    public Set<String> indexNames() {
        Set<String> names = new LinkedHashSet<>();
        nodes.stream().filter(PlanNode::usesIndex).forEach(node -> names.add(node.indexName()));
        return names;
    }

    /** True if the plan reads the index {@code indexName} (case-insensitive, as H2 may print it in either case). */
    public boolean usesIndex(String indexName) {
        return indexNames().stream().anyMatch(name -> name.equalsIgnoreCase(indexName));
    }

    /** True if any step reads a whole table: a (parallel) Seq Scan on PostgreSQL, a table scan on H2. */
    public boolean isSequentialScan() {
        return nodes.stream().anyMatch(PlanNode::isSequentialScan);
    }

    /** The first step that reads {@code indexName}, for its condition, buffers or heap fetches. */
    public PlanNode nodeUsing(String indexName) {
        return nodes.stream().filter(node -> node.usesIndex() && node.indexName().equalsIgnoreCase(indexName))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("the plan does not read index "
                        + indexName + "; it reads " + (indexNames().isEmpty() ? "no index" : indexNames())
                        + ": " + summary()));
    }

    /** PostgreSQL: pages (8 kB) the whole statement touched, shared hit + read; H2: NOT_REPORTED. */
    public long sharedBlocks() {
        return nodes.isEmpty() ? PlanNode.NOT_REPORTED : nodes.get(0).sharedBlocks();
    }

    /** PostgreSQL: table pages Index Only Scans still visited (0 when the visibility map covers them). */
    public long heapFetches() {
        return sum(PlanNode::heapFetches);
    }

    /** H2: rows visited by all scans, the sum of the scan counts; PostgreSQL: NOT_REPORTED. */
    public long scanCount() {
        return sum(PlanNode::scanCount);
    }

    /** PostgreSQL's planning time (ms); NaN on H2. */
    public double planningMillis() {
        return planningMillis;
    }

    /** PostgreSQL's execution time inside the server (ms), without the round trip; NaN on H2. */
    public double executionMillis() {
        return executionMillis;
    }

    /** The plan as the backend prints it: what a person reads. */
    public String text() {
        return text;
    }

    /** One line: the steps by label, then the numbers that matter for this backend. */
    public String summary() {
        StringJoiner steps = new StringJoiner(" > ");
        nodes.forEach(node -> steps.add(node.label()));
        StringBuilder line = new StringBuilder(steps.toString());
        if (!Double.isNaN(executionMillis)) {
            line.append(String.format(Locale.ROOT, "; %d pages touched; execution %.3f ms", sharedBlocks(),
                    executionMillis));
        }
        if (heapFetches() != PlanNode.NOT_REPORTED) {
            line.append("; heap fetches ").append(heapFetches());
        }
        if (scanCount() != PlanNode.NOT_REPORTED) {
            line.append("; scanCount ").append(scanCount());
        }
        return line.toString();
    }

    /**
     * One row per step, with the columns this backend reports: {@code depth, node, relation, index,
     * condition}, then on PostgreSQL {@code rows, loops, time_ms, shared_hit, shared_read, heap_fetches},
     * on H2 {@code scan_count}.
     */
    public Table toTable() {
        StringColumn node = StringColumn.create("node");
        StringColumn relation = StringColumn.create("relation");
        StringColumn index = StringColumn.create("index");
        StringColumn condition = StringColumn.create("condition");
        IntColumn depth = IntColumn.create("depth");
        for (PlanNode step : nodes) {
            depth.append(step.depth());
            node.append((step.parallel() ? "Parallel " : "") + step.nodeType());
            relation.append(Objects.toString(step.relation(), ""));
            index.append(Objects.toString(step.indexName(), ""));
            condition.append(Objects.toString(step.condition() != null ? step.condition() : step.filter(), ""));
        }
        Table table = Table.create(backend + " plan: " + sql, depth, node, relation, index, condition);
        if ("PostgreSQL".equals(backend)) {
            table.addColumns(counts("rows", PlanNode::actualRows), counts("loops", PlanNode::loops),
                    DoubleColumn.create("time_ms", nodes.stream().mapToDouble(PlanNode::actualTotalMillis)),
                    counts("shared_hit", PlanNode::sharedHitBlocks), counts("shared_read", PlanNode::sharedReadBlocks),
                    counts("heap_fetches", PlanNode::heapFetches));
        } else {
            table.addColumns(counts("scan_count", PlanNode::scanCount));
        }
        return table;
    }

    /**
     * Several plans side by side, one row each, in the map's order (pass a {@link java.util.LinkedHashMap}):
     * {@code query, plan, index, condition}, then on PostgreSQL {@code pages_touched, heap_fetches,
     * execution_ms}, on H2 {@code scan_count}. {@code condition} is the first index condition, else the
     * first filter: what the plan could seek on, or what it tested row by row.
     */
    public static Table tableOf(Map<String, QueryPlan> plans) {
        if (plans == null || plans.isEmpty()) {
            throw new IllegalArgumentException("plans must hold at least one plan");
        }
        Set<String> backends = new LinkedHashSet<>();
        plans.values().forEach(plan -> backends.add(plan.backend()));
        if (backends.size() > 1) {
            throw new IllegalArgumentException("plans come from different backends " + backends
                    + "; their numbers do not share columns");
        }
        StringColumn query = StringColumn.create("query");
        StringColumn steps = StringColumn.create("plan");
        StringColumn index = StringColumn.create("index");
        StringColumn condition = StringColumn.create("condition");
        LongColumn pages = LongColumn.create("pages_touched");
        LongColumn heapFetches = LongColumn.create("heap_fetches");
        DoubleColumn executionMillis = DoubleColumn.create("execution_ms");
        LongColumn scanCount = LongColumn.create("scan_count");
        plans.forEach((name, plan) -> {
            query.append(name);
            StringJoiner labels = new StringJoiner(" > ");
            plan.nodes().forEach(node -> labels.add((node.parallel() ? "Parallel " : "") + node.nodeType()));
            steps.append(labels.toString());
            index.append(String.join(", ", plan.indexNames()));
            condition.append(plan.nodes().stream().map(PlanNode::condition).filter(Objects::nonNull).findFirst()
                    .or(() -> plan.nodes().stream().map(PlanNode::filter).filter(Objects::nonNull).findFirst())
                    .orElse(""));
            appendReported(pages, plan.sharedBlocks());
            appendReported(heapFetches, plan.heapFetches());
            executionMillis.append(plan.executionMillis());
            appendReported(scanCount, plan.scanCount());
        });
        Table table = Table.create("plans", query, steps, index, condition);
        if (backends.contains("PostgreSQL")) {
            table.addColumns(pages, heapFetches, executionMillis);
        } else {
            table.addColumns(scanCount);
        }
        return table;
    }

    private static void appendReported(LongColumn column, long value) {
        if (value == PlanNode.NOT_REPORTED) {
            column.appendMissing();
        } else {
            column.append(value);
        }
    }

    /** A column of one count per node; a count the node does not report stays empty. */
    private LongColumn counts(String name, ToLongFunction<PlanNode> count) {
        LongColumn column = LongColumn.create(name);
        nodes.forEach(node -> appendReported(column, count.applyAsLong(node)));
        return column;
    }

    /** Sum over the nodes that report the count, or NOT_REPORTED if none does. */
    private long sum(ToLongFunction<PlanNode> count) {
        List<Long> reported = new ArrayList<>();
        for (PlanNode node : nodes) {
            long value = count.applyAsLong(node);
            if (value != PlanNode.NOT_REPORTED) {
                reported.add(value);
            }
        }
        return reported.isEmpty() ? PlanNode.NOT_REPORTED : reported.stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        return backend + " plan for " + sql + ": " + summary();
    }
}
