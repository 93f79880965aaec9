package org.perflab.db;

import java.util.Locale;

/**
 * One step of an executed query plan, as {@link QueryPlan} read it from the server: what the step
 * did ({@code "Seq Scan"}, {@code "Index Scan"}, {@code "Index Only Scan"}, {@code "Bitmap Heap Scan"},
 * {@code "Bitmap Index Scan"}, ... on PostgreSQL; {@code "Table Scan"} or {@code "Index Scan"} on H2),
 * on which table and index, and what it cost.
 *
 * <p>Each backend reports different numbers; a number the backend does not report is
 * {@link #NOT_REPORTED} (or NaN for times). PostgreSQL reports rows, time and 8 kB buffer pages per
 * node; H2 reports only a scan count: the rows its cursor visited, plus one for the final miss.
 *
 * <p>Surprise: PostgreSQL's {@code actualRows} is the average per loop, and a parallel node runs one
 * loop per process (leader and workers), so a Parallel Seq Scan over 3 processes shows a third of
 * its rows. Multiply by {@link #loops()} for the total.
 *
 * @param depth               0 for the root, 1 for its children, ...
 * @param nodeType            the backend's name for the step, without the "Parallel" prefix
 * @param parallel            PostgreSQL ran this step in parallel workers ("Parallel Seq Scan")
 * @param relation            the table the step reads, or null
 * @param indexName           the index the step reads, or null
 * @param condition           the index condition (PostgreSQL's Index Cond or Recheck Cond, H2's
 *                            condition after the index name), or null
 * @param filter              rows read and then tested (PostgreSQL's Filter), or null
 * @param actualRows          rows returned per loop
 * @param loops               how many times the step ran
 * @param actualTotalMillis   time until the step's last row, per loop
 * @param sharedHitBlocks     8 kB pages found in PostgreSQL's buffer cache, this step and below
 * @param sharedReadBlocks    pages read from the OS (page cache or disk), this step and below
 * @param heapFetches         table pages an Index Only Scan still had to visit
 * @param rowsRemovedByFilter rows read and thrown away by {@code filter}, per loop
 * @param scanCount           H2: rows the cursor visited
 */
public record PlanNode(int depth, String nodeType, boolean parallel, String relation, String indexName,
                       String condition, String filter, long actualRows, long loops, double actualTotalMillis,
                       long sharedHitBlocks, long sharedReadBlocks, long heapFetches, long rowsRemovedByFilter,
                       long scanCount) {

    /** A count the backend does not report for this node. */
    public static final long NOT_REPORTED = -1;

    /** PostgreSQL's full scan of a table. */
    public static final String SEQ_SCAN = "Seq Scan";
    /** H2's full scan of a table. */
    public static final String TABLE_SCAN = "Table Scan";
    public static final String INDEX_SCAN = "Index Scan";
    public static final String INDEX_ONLY_SCAN = "Index Only Scan";
    public static final String BITMAP_HEAP_SCAN = "Bitmap Heap Scan";
    public static final String BITMAP_INDEX_SCAN = "Bitmap Index Scan";

    /** A full read of a table: PostgreSQL's Seq Scan (parallel or not) or H2's table scan. */
    public boolean isSequentialScan() {
        return SEQ_SCAN.equals(nodeType) || TABLE_SCAN.equals(nodeType);
    }

    /** True when this step reads an index. */
    public boolean usesIndex() {
        return indexName != null;
    }

    /** Shared hit + read pages, or {@link #NOT_REPORTED}. */
    public long sharedBlocks() {
        return sharedHitBlocks == NOT_REPORTED ? NOT_REPORTED : sharedHitBlocks + Math.max(0, sharedReadBlocks);
    }

    /**
     * Rows this step returned over all its loops, or {@link #NOT_REPORTED}. PostgreSQL reports a per-loop
     * average rounded to a whole row, so for a parallel step this is approximate.
     */
    public long totalRows() {
        return actualRows == NOT_REPORTED ? NOT_REPORTED : actualRows * Math.max(1, loops);
    }

    /** As PostgreSQL's text plan names the step: "Parallel Seq Scan on orders", "Index Scan using idx on orders". */
    public String label() {
        StringBuilder label = new StringBuilder();
        if (parallel) {
            label.append("Parallel ");
        }
        label.append(nodeType);
        if (indexName != null) {
            label.append(BITMAP_INDEX_SCAN.equals(nodeType) ? " on " : " using ").append(indexName);
        }
        if (relation != null && !BITMAP_INDEX_SCAN.equals(nodeType)) {
            label.append(" on ").append(relation);
        }
        return label.toString();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("  ".repeat(depth)).append(label());
        if (condition != null) {
            text.append(" [").append(condition).append(']');
        }
        if (actualRows != NOT_REPORTED) {
            text.append(String.format(Locale.ROOT, " rows=%d loops=%d time=%.3f ms", actualRows, loops,
                    actualTotalMillis));
        }
        if (sharedHitBlocks != NOT_REPORTED) {
            text.append(" buffers hit=").append(sharedHitBlocks).append(" read=").append(sharedReadBlocks);
        }
        if (heapFetches != NOT_REPORTED) {
            text.append(" heap fetches=").append(heapFetches);
        }
        if (scanCount != NOT_REPORTED) {
            text.append(" scanCount=").append(scanCount);
        }
        return text.toString();
    }
}
