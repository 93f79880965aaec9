package org.perflab.db;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads H2's {@code EXPLAIN ANALYZE} text (checked against H2 2.3.232 and 2.5.252). H2 prints the statement back
 * with one comment after each table it reads, saying how it reads it, and a scan count:
 * <pre>
 * FROM "s"."orders"
 *     /* s.orders.tableScan *&#47;                       a full scan of the table
 *     /* scanCount: 20001 *&#47;                         rows visited, plus one for the end
 * FROM "s"."orders"
 *     /* s.idx_orders_user: user_id = CAST(42 AS BIGINT) *&#47;   a lookup in that index
 *     /* scanCount: 22 *&#47;
 * FROM "s"."orders"
 *     /* s.idx_orders_user *&#47;                        the whole index, in order, no condition
 * </pre>
 * A condition may run over several lines. In a join the scan count can come after the ON line, so a
 * scan count belongs to the scan before it. Other comments ({@code direct lookup}, {@code distinct},
 * {@code group sorted}) are not reads of a table and are skipped.
 */
final class H2PlanParser {

    private static final Pattern COMMENT = Pattern.compile("/\\*(.*?)\\*/", Pattern.DOTALL);
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount:\\s*(\\d+)");
    private static final Pattern TABLE_SCAN = Pattern.compile("(?:[^\\s.]+\\.)?([^\\s.]+)\\.tableScan");
    private static final Pattern INDEX = Pattern.compile("[^\\s:.]+\\.([^\\s:.]+)(?::\\s*(.*))?", Pattern.DOTALL);
    /** A table named after FROM or JOIN: {@code FROM "schema"."orders"}, {@code JOIN "s"."users" "u"}. */
    private static final Pattern TABLE_REFERENCE = Pattern.compile(
            "\\b(?:FROM|JOIN)\\s+(?:\"?[\\w$]+\"?\\.)?\"?([\\w$]+)\"?", Pattern.CASE_INSENSITIVE);

    private H2PlanParser() {
    }

    static List<PlanNode> parse(String plan) {
        List<PlanNode> nodes = new ArrayList<>();
        Matcher comment = COMMENT.matcher(plan);
        while (comment.find()) {
            String body = comment.group(1).strip();
            Matcher scanCount = SCAN_COUNT.matcher(body);
            Matcher tableScan = TABLE_SCAN.matcher(body);
            Matcher index = INDEX.matcher(body);
            if (scanCount.matches()) {
                if (!nodes.isEmpty()) {
                    int last = nodes.size() - 1;
                    nodes.set(last, withScanCount(nodes.get(last), Long.parseLong(scanCount.group(1))));
                }
            } else if (tableScan.matches()) {
                nodes.add(node(PlanNode.TABLE_SCAN, tableScan.group(1), null, null));
            } else if (index.matches()) {
                String condition = index.group(2) == null ? null : index.group(2).strip().replaceAll("\\s+", " ");
                nodes.add(node(PlanNode.INDEX_SCAN, tableBefore(plan, comment.start()), index.group(1),
                        condition == null || condition.isEmpty() ? null : condition));
            }
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("H2's plan names no table scan or index: "
                    + PostgresPlanParser.abbreviate(plan));
        }
        return List.copyOf(nodes);
    }

    private static String tableBefore(String plan, int end) {
        Matcher reference = TABLE_REFERENCE.matcher(plan).region(0, end);
        String table = null;
        while (reference.find()) {
            table = reference.group(1);
        }
        return table;
    }

    private static PlanNode node(String type, String relation, String index, String condition) {
        long none = PlanNode.NOT_REPORTED;
        return new PlanNode(0, type, false, relation, index, condition, null, none, none, Double.NaN, none, none,
                none, none, none);
    }

    private static PlanNode withScanCount(PlanNode node, long scanCount) {
        return new PlanNode(node.depth(), node.nodeType(), node.parallel(), node.relation(), node.indexName(),
                node.condition(), node.filter(), node.actualRows(), node.loops(), node.actualTotalMillis(),
                node.sharedHitBlocks(), node.sharedReadBlocks(), node.heapFetches(), node.rowsRemovedByFilter(),
                scanCount);
    }
}
