package org.perflab.db;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * Creates a generated table and fills it: PostgreSQL's COPY through pgjdbc's CopyManager when the
 * connection is PostgreSQL (one stream, no per-row round trip), otherwise batched INSERTs in one
 * transaction. Both paths checksum the same CSV text, so checksums compare across backends.
 */
final class RowLoader {

    static final int INSERT_BATCH_SIZE = 1000;
    /** Bytes buffered before each write to the COPY stream; large enough that calls are few. */
    private static final int COPY_BUFFER_BYTES = 1 << 16;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private RowLoader() {
    }

    /** Creates and loads a dataset's tables in the schema, in order, on one connection; one report per table. */
    static List<LoadReport> createAndLoadAll(Schema schema, List<GeneratedTable> tables) throws SQLException {
        List<LoadReport> reports = new ArrayList<>();
        try (Connection connection = schema.connection()) {
            for (GeneratedTable table : tables) {
                reports.add(createAndLoad(connection, table));
            }
        }
        return reports;
    }

    /** The checksum of each table's rows, in order, computed without a database. */
    static List<Long> checksums(List<GeneratedTable> tables) {
        return tables.stream().map(RowLoader::checksum).toList();
    }

    static LoadReport createAndLoad(Connection connection, GeneratedTable table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(table.createSql());
        }
        long startNanos = System.nanoTime();
        boolean copy = connection.isWrapperFor(PGConnection.class);
        long[] rowsAndChecksum = copy ? copy(connection, table) : insertInBatches(connection, table);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        String method = copy ? "COPY" : "batched INSERT (" + INSERT_BATCH_SIZE + " per batch)";
        return new LoadReport(table.name(), rowsAndChecksum[0], method, elapsedMs, rowsAndChecksum[1]);
    }

    /** The CRC32 of the table's rows as CSV lines, without loading them. */
    static long checksum(GeneratedTable table) {
        CRC32 crc = new CRC32();
        Iterator<Object[]> rows = table.rows().get();
        StringBuilder line = new StringBuilder(128);
        while (rows.hasNext()) {
            line.setLength(0);
            appendCsvLine(line, rows.next());
            crc.update(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return crc.getValue();
    }

    private static long[] copy(Connection connection, GeneratedTable table) throws SQLException {
        String sql = "COPY " + table.name() + " (" + String.join(", ", table.columns()) + ") FROM STDIN (FORMAT csv)";
        CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        CRC32 crc = new CRC32();
        long rows = 0;
        try {
            StringBuilder buffer = new StringBuilder(COPY_BUFFER_BYTES + 256);
            StringBuilder line = new StringBuilder(128);
            Iterator<Object[]> iterator = table.rows().get();
            while (iterator.hasNext()) {
                line.setLength(0);
                appendCsvLine(line, iterator.next());
                crc.update(line.toString().getBytes(StandardCharsets.UTF_8));
                buffer.append(line);
                rows++;
                if (buffer.length() >= COPY_BUFFER_BYTES) {
                    byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
                    copyIn.writeToCopy(bytes, 0, bytes.length);
                    buffer.setLength(0);
                }
            }
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copyIn.writeToCopy(bytes, 0, bytes.length);
            copyIn.endCopy();
        } finally {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
        return new long[] {rows, crc.getValue()};
    }

    private static long[] insertInBatches(Connection connection, GeneratedTable table) throws SQLException {
        String sql = insertSql(table);
        return Transactions.inTransaction(connection, inTransaction -> {
            CRC32 crc = new CRC32();
            long rows = 0;
            try (PreparedStatement insert = inTransaction.prepareStatement(sql)) {
                StringBuilder line = new StringBuilder(128);
                Iterator<Object[]> iterator = table.rows().get();
                while (iterator.hasNext()) {
                    Object[] row = iterator.next();
                    line.setLength(0);
                    appendCsvLine(line, row);
                    crc.update(line.toString().getBytes(StandardCharsets.UTF_8));
                    bind(insert, row);
                    insert.addBatch();
                    if (++rows % INSERT_BATCH_SIZE == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            return new long[] {rows, crc.getValue()};
        });
    }

    /** {@code INSERT INTO name (columns...) VALUES (?, ...)} for one row of the table. */
    static String insertSql(GeneratedTable table) {
        String placeholders = String.join(", ", java.util.Collections.nCopies(table.columns().size(), "?"));
        return "INSERT INTO " + table.name() + " (" + String.join(", ", table.columns()) + ") VALUES ("
                + placeholders + ")";
    }

    /** Sets the row's values as the statement's parameters, in column order. */
    static void bind(PreparedStatement insert, Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            insert.setObject(i + 1, row[i]);
        }
    }

    /** RFC 4180 CSV, as PostgreSQL's COPY (FORMAT csv) reads it; null is an empty unquoted field. */
    static void appendCsvLine(StringBuilder line, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            Object value = row[i];
            if (value == null) {
                continue;
            }
            if (value instanceof LocalDateTime time) {
                line.append(TIMESTAMP.format(time));
            } else if (value instanceof BigDecimal decimal) {
                line.append(decimal.toPlainString());
            } else if (value instanceof String text) {
                appendQuoted(line, text);
            } else {
                line.append(value);
            }
        }
        line.append('\n');
    }

    private static void appendQuoted(StringBuilder line, String text) {
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        line.append('"');
    }
}
