package org.perflab.db;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * One table a dataset generates: its DDL, its columns, and a fresh, deterministic row iterator each
 * time {@code rows} is asked (so a checksum and a load see the same rows).
 */
record GeneratedTable(String name, String createSql, List<String> columns, long rowCount,
                      Supplier<Iterator<Object[]>> rows) {
}
