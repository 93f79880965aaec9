package org.perflab.db;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan parsers on plans captured from PostgreSQL 15 and H2 2.3.232 (src/test/resources/.../plans). */
class PlanParserTest {

    private static String captured(String name) throws IOException {
        try (InputStream in = PlanParserTest.class.getResourceAsStream("plans/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource plans/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static QueryPlan postgres(String resource) throws IOException {
        PostgresPlanParser.Parsed parsed = PostgresPlanParser.parse(captured(resource));
        return new QueryPlan("PostgreSQL", "captured " + resource, parsed.nodes(), parsed.planningMillis(),
                parsed.executionMillis(), "");
    }

    private static QueryPlan h2(String resource) throws IOException {
        return new QueryPlan("H2", "captured " + resource, H2PlanParser.parse(captured(resource)), Double.NaN,
                Double.NaN, "");
    }

    @Test
    void postgresParallelSeqScanIsASequentialScanUnderGather() throws IOException {
        QueryPlan plan = postgres("pg-parallel-seq-scan.json");
        assertEquals(List.of("Gather", "Seq Scan"), plan.nodeTypes());
        assertTrue(plan.isSequentialScan());
        assertTrue(plan.uses("seq scan"));
        assertTrue(plan.indexNames().isEmpty());
        PlanNode scan = plan.nodes().get(1);
        assertTrue(scan.parallel());
        assertEquals(1, scan.depth());
        assertEquals("Parallel Seq Scan on orders", scan.label());
        assertEquals("orders", scan.relation());
        assertEquals(35, scan.actualRows());
        assertEquals(3, scan.loops());
        assertEquals(333_299, scan.rowsRemovedByFilter());
        assertTrue(scan.filter().startsWith("(created_at >= "), scan.filter());
        assertEquals(2990 + 5418, plan.sharedBlocks());
        assertEquals(PlanNode.NOT_REPORTED, plan.heapFetches());
        assertEquals(PlanNode.NOT_REPORTED, plan.scanCount());
        assertTrue(plan.executionMillis() > 0);
    }

    @Test
    void postgresBitmapScanNamesItsIndexAndCondition() throws IOException {
        QueryPlan plan = postgres("pg-bitmap-scan.json");
        assertEquals(List.of(PlanNode.BITMAP_HEAP_SCAN, PlanNode.BITMAP_INDEX_SCAN), plan.nodeTypes());
        assertFalse(plan.isSequentialScan());
        assertEquals(Set.of("idx_orders_user_incl"), plan.indexNames());
        assertTrue(plan.usesIndex("IDX_ORDERS_USER_INCL"));
        PlanNode heap = plan.nodes().get(0);
        assertEquals("(user_id = 4242)", heap.condition(), "the heap scan's Recheck Cond");
        PlanNode index = plan.nodeUsing("idx_orders_user_incl");
        assertEquals("(user_id = 4242)", index.condition());
        assertNull(index.relation());
        assertEquals("Bitmap Index Scan on idx_orders_user_incl", index.label());
    }

    @Test
    void postgresIndexOnlyScanReportsHeapFetches() throws IOException {
        QueryPlan plan = postgres("pg-index-only-scan-heap-fetches.json");
        assertEquals(List.of(PlanNode.INDEX_ONLY_SCAN), plan.nodeTypes());
        assertEquals(10, plan.heapFetches());
        assertEquals(5, plan.nodes().get(0).actualRows());
        assertEquals("Index Only Scan using idx_orders_user_incl on orders", plan.nodes().get(0).label());
        assertTrue(plan.summary().contains("heap fetches 10"), plan.summary());
        assertEquals(List.of("depth", "node", "relation", "index", "condition", "rows", "loops", "time_ms",
                "shared_hit", "shared_read", "heap_fetches"), plan.toTable().columnNames());
    }

    @Test
    void h2TableScanCountsEveryRow() throws IOException {
        QueryPlan plan = h2("h2-table-scan.txt");
        assertEquals(List.of(PlanNode.TABLE_SCAN), plan.nodeTypes());
        assertTrue(plan.isSequentialScan());
        assertEquals("orders", plan.nodes().get(0).relation());
        assertEquals(20_001, plan.scanCount());
        assertEquals(List.of("depth", "node", "relation", "index", "condition", "scan_count"),
                plan.toTable().columnNames());
    }

    @Test
    void h2IndexConditionMayRunOverSeveralLines() throws IOException {
        QueryPlan plan = h2("h2-composite-both.txt");
        PlanNode node = plan.nodeUsing("idx_orders_user_created");
        assertEquals(PlanNode.INDEX_SCAN, node.nodeType());
        assertEquals("orders", node.relation());
        assertEquals("user_id = CAST(42 AS BIGINT) AND created_at >= TIMESTAMP '2024-06-01 00:00:00'",
                node.condition());
        assertEquals(14, node.scanCount());
        assertFalse(plan.isSequentialScan());
    }

    @Test
    void h2ReadingAWholeIndexStillCountsEveryRow() throws IOException {
        QueryPlan plan = h2("h2-full-index.txt");
        assertTrue(plan.usesIndex("idx_orders_user_created"));
        assertEquals(20_001, plan.scanCount(), "a condition on the second column cannot seek");
    }

    @Test
    void h2JoinGivesEachTableItsOwnScanAndCount() throws IOException {
        QueryPlan plan = h2("h2-join.txt");
        assertEquals(2, plan.nodes().size());
        assertEquals("orders", plan.nodes().get(0).relation());
        assertEquals(22, plan.nodes().get(0).scanCount());
        assertEquals("users", plan.nodes().get(1).relation());
        assertEquals("PRIMARY_KEY_6", plan.nodes().get(1).indexName());
        assertEquals(42, plan.nodes().get(1).scanCount(), "the scan count after ON belongs to users");
        assertEquals(64, plan.scanCount());
    }

    @Test
    void h2DirectLookupIsNotATableRead() throws IOException {
        QueryPlan plan = h2("h2-direct-lookup.txt");
        assertEquals(1, plan.nodes().size());
        PlanNode node = plan.nodes().get(0);
        assertEquals("idx_orders_user_created", node.indexName());
        assertNull(node.condition());
        assertEquals(PlanNode.NOT_REPORTED, node.scanCount());
    }

    @Test
    void plansSideBySideKeepTheirOrderAndTheBackendsColumns() throws IOException {
        Map<String, QueryPlan> plans = new LinkedHashMap<>();
        plans.put("no index", postgres("pg-parallel-seq-scan.json"));
        plans.put("covering", postgres("pg-index-only-scan-heap-fetches.json"));
        Table table = QueryPlan.tableOf(plans);
        assertEquals(List.of("query", "plan", "index", "condition", "pages_touched", "heap_fetches", "execution_ms"),
                table.columnNames());
        assertEquals("Gather > Parallel Seq Scan", table.stringColumn("plan").get(0));
        assertTrue(table.stringColumn("condition").get(0).startsWith("(created_at >= "), "the filter when no index");
        assertEquals(8408, table.longColumn("pages_touched").get(0));
        assertTrue(table.longColumn("heap_fetches").isMissing(0));
        assertEquals(10, table.longColumn("heap_fetches").get(1));

        Map<String, QueryPlan> h2 = new LinkedHashMap<>();
        h2.put("join", h2("h2-join.txt"));
        assertEquals(64, QueryPlan.tableOf(h2).longColumn("scan_count").get(0));
        h2.put("postgres", postgres("pg-bitmap-scan.json"));
        assertThrows(IllegalArgumentException.class, () -> QueryPlan.tableOf(h2));
    }

    @Test
    void textThatIsNoPlanIsRejectedWithTheText() {
        IllegalArgumentException json = assertThrows(IllegalArgumentException.class,
                () -> PostgresPlanParser.parse("[{\"Nope\": 1}]"));
        assertTrue(json.getMessage().contains("no \"Plan\""), json.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PostgresPlanParser.parse("Seq Scan on orders"));
        IllegalArgumentException h2 = assertThrows(IllegalArgumentException.class,
                () -> H2PlanParser.parse("SELECT 1"));
        assertTrue(h2.getMessage().contains("SELECT 1"), h2.getMessage());
    }
}
