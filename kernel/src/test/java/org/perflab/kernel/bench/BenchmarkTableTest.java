package org.perflab.kernel.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The side-by-side table: a column per JDK, medians and p90 with their counts, the loop ratio, the targets. */
class BenchmarkTableTest {

    private static Histogram millis(long... values) {
        Histogram histogram = BenchmarkTable.nanosHistogram(TimeUnit.MINUTES.toNanos(10));
        for (long value : values) {
            histogram.recordValue(TimeUnit.MILLISECONDS.toNanos(value));
        }
        return histogram;
    }

    private static String row(String table, String name) {
        return table.lines().filter(line -> line.startsWith(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + name + "' in\n" + table));
    }

    /**
     * The row's cells after its name equal {@code expected}, numbers within HdrHistogram's 3 significant digits
     * (a recorded 1,100 ms reads back as up to 1,101 ms).
     */
    private static void assertFigures(String row, String... expected) {
        List<String> cells = List.of(row.split(" {2,}"));
        assertEquals(expected.length, cells.size() - 1, row);
        for (int i = 0; i < expected.length; i++) {
            String want = expected[i];
            String got = cells.get(i + 1);
            if (!Character.isDigit(want.charAt(0))) {
                assertEquals(want, got, row);
                continue;
            }
            String wantNumber = want.replaceAll("^([0-9.]+).*", "$1");
            String gotNumber = got.replaceAll("^([0-9.]+).*", "$1");
            assertEquals(want.substring(wantNumber.length()), got.substring(gotNumber.length()), row);
            int decimals = wantNumber.contains(".") ? wantNumber.length() - wantNumber.indexOf('.') - 1 : 0;
            double value = Double.parseDouble(wantNumber);
            assertEquals(value, Double.parseDouble(gotNumber), value * 0.002 + 0.5 * Math.pow(10, -decimals), row);
        }
    }

    @Test
    void printsEachJdksFiguresWithCountsSideBySide() {
        BenchmarkTable.Column seventeen = new BenchmarkTable.Column("17 Debian", millis(900, 1000, 1100, 1200, 2000),
                millis(20, 22, 24), millis(15, 15, 16), millis(315, 320, 325), millis(300, 300, 301));
        BenchmarkTable.Column twentyFive = new BenchmarkTable.Column("25 Eclipse Adoptium", millis(800), millis(),
                millis(14), millis(300), millis());

        String table = BenchmarkTable.format(List.of(seventeen, twentyFive));

        List<String> header = List.of(table.lines().findFirst().orElseThrow().trim().split(" {2,}"));
        assertEquals(List.of("JDK 17 Debian", "JDK 25 Eclipse Adoptium", "target"), header);
        assertFigures(row(table, "cold start to first result, median"), "1100 ms (n=5)", "800 ms (n=1)", "<= 1000 ms");
        assertFigures(row(table, "cold start to first result, p90"), "2000 ms (n=5)", "800 ms (n=1)");
        assertFigures(row(table, "trivial cell round trip, median"), "22.0 ms (n=3)", "-", "<= 20 ms");
        assertFigures(row(table, "floor: in-process JShell per snippet, median"), "15.0 ms (n=3)", "14.0 ms (n=1)");
        assertFigures(row(table, "tight loop cell, forced stop on, median"), "320 ms (n=3)", "300 ms (n=1)");
        assertFigures(row(table, "tight loop cell, PERFLAB_FORCED_STOP=off, median"), "300 ms (n=3)", "-");
        assertFigures(row(table, "tight loop ratio, on / off, of medians"), "1.067", "-", "<= 1.05");
        assertFigures(row(table, "tight loop ratio, on / off, of minima"), "1.050", "-");
        // every row's columns line up under the header's
        int targetColumn = table.lines().findFirst().orElseThrow().indexOf("target");
        assertTrue(row(table, "tight loop ratio, on / off, of medians").indexOf("<= 1.05") + "<= 1.05".length() >= targetColumn, table);
    }
}
