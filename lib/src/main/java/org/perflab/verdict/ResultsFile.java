package org.perflab.verdict;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * Appends verdicts to a CSV file, one row each, writing the header only when the file is new or
 * empty. Rows are formatted by Tablesaw's CSV writer, which quotes a field holding a comma, a quote
 * or a line break and doubles the quotes inside it (RFC 4180), so a claim may contain any text.
 *
 * <p>Each append holds an exclusive file lock, so verdicts from several JVMs sharing one results
 * file (a workbook run, a notebook opened by hand) never interleave within a row. Within one JVM
 * appends are serialized on one lock first: the JVM refuses a second file lock on a file it
 * already holds locked, even from another thread.
 */
final class ResultsFile {

    /**
     * The columns, in order. Numbers are written with every digit ({@link Double#toString}). The last
     * four came later and stay last, so older files still read by position: the verdict's kind, the
     * trials or samples behind its interval, and the 95% interval's ends.
     */
    static final List<String> COLUMNS = List.of(ResultsCsv.RECORDED_AT, ResultsCsv.NOTEBOOK, ResultsCsv.CLAIM,
            ResultsCsv.COMPARISON, ResultsCsv.MEASURED, ResultsCsv.EXPECTED, ResultsCsv.TOLERANCE,
            ResultsCsv.LOWER_BOUND, ResultsCsv.UPPER_BOUND, ResultsCsv.OUTCOME, ResultsCsv.BACKEND, ResultsCsv.CORES,
            ResultsCsv.JDK, ResultsCsv.OS, ResultsCsv.KIND, ResultsCsv.REPEATS, ResultsCsv.CI_LOW, ResultsCsv.CI_HIGH);

    private static final Object APPENDING = new Object();

    private final Path path;

    ResultsFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    Path path() {
        return path;
    }

    /** Appends one row, and the header first if the file is new or empty. */
    void append(Verdict verdict) {
        synchronized (APPENDING) {
            appendLocked(verdict);
        }
    }

    private void appendLocked(Verdict verdict) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
                 FileLock lock = channel.lock()) {
                boolean needsHeader = channel.size() == 0;
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(toCsv(verdict, needsHeader));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append the verdict to the results file " + path
                    + " (named by PERFLAB_RESULTS): " + e.getMessage(), e);
        }
    }

    static String toCsv(Verdict verdict, boolean withHeader) {
        String[] values = {
                verdict.recordedAt().toString(),
                verdict.notebook(),
                verdict.claim(),
                verdict.comparison().name(),
                Double.toString(verdict.measured()),
                Double.toString(verdict.expected()),
                verdict.tolerance().toString(),
                Double.toString(verdict.lowerBound()),
                Double.toString(verdict.upperBound()),
                verdict.outcome().name(),
                verdict.backend(),
                Integer.toString(verdict.machine().cores()),
                verdict.machine().jdk(),
                verdict.machine().os(),
                verdict.kind().label(),
                Integer.toString(verdict.estimate().repeats()),
                Double.toString(verdict.estimate().low()),
                Double.toString(verdict.estimate().high()),
        };
        Table row = Table.create("verdict");
        for (int i = 0; i < values.length; i++) {
            row.addColumns(StringColumn.create(COLUMNS.get(i), values[i]));
        }
        StringWriter text = new StringWriter();
        row.write().csv(CsvWriteOptions.builder(text).header(withHeader).lineEnd("\n").build());
        return text.toString();
    }
}
