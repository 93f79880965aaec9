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

    /** The same table under another name: the DDL must start {@code CREATE TABLE <name> (}. */
    GeneratedTable renamed(String newName) {
        String prefix = "CREATE TABLE " + name + " (";
        if (!createSql.startsWith(prefix)) {
            throw new IllegalStateException("cannot rename " + name + ": its DDL does not start with '" + prefix
                    + "': " + createSql);
        }
        return new GeneratedTable(newName, "CREATE TABLE " + newName + " (" + createSql.substring(prefix.length()),
                columns, rowCount, rows);
    }
}
