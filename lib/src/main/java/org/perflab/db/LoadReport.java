package org.perflab.db;

import java.util.Locale;

/**
 * What loading one table cost: rows, how ("COPY" or "batched INSERT (1000 per batch)"), wall time,
 * and a CRC32 checksum of the rows' text, equal for equal seeds on every backend.
 */
public record LoadReport(String table, long rows, String method, long elapsedMs, long checksum) {

    public double rowsPerSecond() {
        return elapsedMs == 0 ? Double.POSITIVE_INFINITY : rows * 1000.0 / elapsedMs;
    }

    /** "orders: 1000000 rows by COPY in 2140 ms (467290 rows/s), checksum 1a2b3c4d". */
    public String describe() {
        return String.format(Locale.ROOT, "%s: %d rows by %s in %d ms (%.0f rows/s), checksum %08x", table, rows,
                method, elapsedMs, rowsPerSecond(), checksum);
    }
}
