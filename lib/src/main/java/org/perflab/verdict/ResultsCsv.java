package org.perflab.verdict;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The results file's column names, and the reader of its verdict columns (what {@link VerdictLog}
 * appends through {@code PERFLAB_RESULTS}: {@code run --results FILE} and the workbook, one row per
 * verdict, in the order they were recorded). Files written before the confidence
 * intervals lack the last four columns; their rows read as exact claims: kind {@value #DEFAULT_KIND},
 * repeats 1, interval [measured, measured].
 */
public final class ResultsCsv {

    public static final String RECORDED_AT = "recorded_at";
    public static final String NOTEBOOK = "notebook";
    public static final String CLAIM = "claim";
    public static final String MEASURED = "measured";
    public static final String COMPARISON = "comparison";
    public static final String EXPECTED = "expected";
    public static final String TOLERANCE = "tolerance";
    public static final String LOWER_BOUND = "lower_bound";
    public static final String UPPER_BOUND = "upper_bound";
    public static final String OUTCOME = "outcome";
    public static final String BACKEND = "backend";
    public static final String CORES = "cores";
    public static final String JDK = "jdk";
    public static final String OS = "os";
    public static final String KIND = "kind";
    public static final String REPEATS = "repeats";
    public static final String CI_LOW = "ci_low";
    public static final String CI_HIGH = "ci_high";

    /** The kind of a row from a file that has no kind column. */
    public static final String DEFAULT_KIND = "claim";

    private static final List<String> REQUIRED = List.of(NOTEBOOK, CLAIM, MEASURED, OUTCOME);

    private ResultsCsv() {
    }

    /** A results file that cannot be read as one; the message names the file, the row and the fix. */
    public static final class FormatException extends RuntimeException {
        FormatException(String message) {
            super(message);
        }
    }

    /** Every row of {@code file}, in file order. */
    public static List<VerdictRow> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return read(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the results file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every row of CSV text; {@code source} names it in messages. */
    public static List<VerdictRow> read(String csv, String source) {
        return read(new StringReader(csv), source);
    }

    private static List<VerdictRow> read(Reader reader, String source) {
        // Every column as text: Tablesaw would otherwise guess types and read "NaN" or "NA" as missing.
        Table table = Table.read().csv(CsvReadOptions.builder(reader).columnTypes(name -> ColumnType.STRING)
                .missingValueIndicator("").build());
        if (table.columnCount() == 0) {
            return List.of();
        }
        for (String column : REQUIRED) {
            if (!table.containsColumn(column)) {
                throw new FormatException(source + " has no column '" + column + "' (it has " + table.columnNames()
                        + "); give a results file written by 'run --results FILE' or the workbook");
            }
        }
        List<VerdictRow> rows = new ArrayList<>(table.rowCount());
        for (Row row : table) {
            rows.add(verdict(table, row, source));
        }
        return rows;
    }

    private static VerdictRow verdict(Table table, Row row, String source) {
        String where = source + " row " + (row.getRowNumber() + 1);
        try {
            double measured = number(row.getString(MEASURED), MEASURED);
            return new VerdictRow(row.getString(NOTEBOOK), row.getString(CLAIM),
                    optional(table, row, KIND).orElse(DEFAULT_KIND), measured,
                    optional(table, row, CI_LOW).map(value -> number(value, CI_LOW)).orElse(measured),
                    optional(table, row, CI_HIGH).map(value -> number(value, CI_HIGH)).orElse(measured),
                    optional(table, row, REPEATS).map(ResultsCsv::repeats).orElse(1),
                    Outcome.parse(row.getString(OUTCOME)));
        } catch (IllegalArgumentException e) {
            throw new FormatException(where + ": " + e.getMessage());
        }
    }

    /** A column an old file lacks, or a value left empty, reads as the default. */
    private static Optional<String> optional(Table table, Row row, String column) {
        if (!table.containsColumn(column)) {
            return Optional.empty();
        }
        String value = row.getString(column);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static double number(String value, String column) {
        try {
            // Double.parseDouble reads what the library writes with Double.toString, Infinity and NaN included.
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + value + "' is not a number", e);
        }
    }

    private static int repeats(String value) {
        try {
            int repeats = Integer.parseInt(value);
            if (repeats < 1) {
                throw new IllegalArgumentException(REPEATS + " " + repeats + " is less than 1");
            }
            return repeats;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(REPEATS + " '" + value + "' is not a whole number", e);
        }
    }
}
