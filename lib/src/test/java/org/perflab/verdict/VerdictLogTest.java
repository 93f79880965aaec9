package org.perflab.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class VerdictLogTest {

    private static final Machine MACHINE = new Machine(2, "17.0.15", "Linux 6.1 (amd64)");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private VerdictLog log(Path results) {
        VerdictLog.Builder builder = VerdictLog.builder().notebook("01-averages-lie").clock(CLOCK).machine(MACHINE)
                .backend("none").printTo(new PrintStream(printed, true, StandardCharsets.UTF_8));
        if (results != null) {
            builder.resultsFile(results);
        }
        return builder.build();
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    // ---- PASS and FAIL at the edges -------------------------------------------------------------

    @Test
    void relativeToleranceIncludesBothEdgesAndNothingBeyond() {
        VerdictLog log = log(null);
        assertTrue(log.check("upper edge", 110, 100, Tolerance.percent(10)).passed());
        assertTrue(log.check("lower edge", 90, 100, Tolerance.percent(10)).passed());
        assertFalse(log.check("just above", 110.001, 100, Tolerance.percent(10)).passed());
        assertFalse(log.check("just below", 89.999, 100, Tolerance.percent(10)).passed());
    }

    @Test
    void anEdgeLostToBinaryRoundingStillPasses() {
        // 0.3 x 1.1 is 0.33000000000000007 in binary, one rounding step above the written 0.33.
        VerdictLog log = log(null);
        assertTrue(log.check("0.33 is 0.3 + 10%", 0.33, 0.3, Tolerance.relative(0.1)).passed());
        assertTrue(log.atMost("0.1 x 3 at most 0.3", 0.1 * 3, 0.3).passed());
        assertFalse(log.atMost("0.3001 is more than 0.3", 0.3001, 0.3).passed());
    }

    @Test
    void absoluteToleranceIsInTheClaimsUnit() {
        VerdictLog log = log(null);
        assertTrue(log.check("within 0.5 ms", 4.5, 4.0, Tolerance.absolute(0.5)).passed());
        assertFalse(log.check("beyond 0.5 ms", 4.51, 4.0, Tolerance.absolute(0.5)).passed());
        assertTrue(log.check("zero expected, absolute slack", -0.01, 0, Tolerance.absolute(0.01)).passed());
        assertFalse(log.check("zero expected, relative slack allows nothing", 0.001, 0, Tolerance.percent(50)).passed());
    }

    @Test
    void oneSidedClaimsIgnoreTheOtherSide() {
        VerdictLog log = log(null);
        assertTrue(log.atLeast("far above a minimum", 1e9, 2).passed());
        assertTrue(log.atLeast("on the minimum", 2, 2).passed());
        assertFalse(log.atLeast("below the minimum", 1.999, 2).passed());
        assertTrue(log.atLeast("minimum less 10%", 1.8, 2, Tolerance.percent(10)).passed());
        assertFalse(log.atLeast("below minimum less 10%", 1.79, 2, Tolerance.percent(10)).passed());
        assertTrue(log.atMost("far below a maximum", -1e9, 2).passed());
        assertTrue(log.atMost("maximum plus 10%", 2.2, 2, Tolerance.percent(10)).passed());
        assertFalse(log.atMost("above maximum plus 10%", 2.21, 2, Tolerance.percent(10)).passed());
    }

    @Test
    void withinARangeIncludesItsBounds() {
        VerdictLog log = log(null);
        Verdict low = log.within("fan-out share", 0.58, 0.58, 0.68);
        assertTrue(low.passed());
        assertEquals(0.63, low.expected(), 1e-12);
        assertTrue(log.within("top", 0.68, 0.58, 0.68).passed());
        assertFalse(log.within("above", 0.6801, 0.58, 0.68).passed());
        assertThrows(IllegalArgumentException.class, () -> log.within("reversed", 1, 2, 1));
    }

    @Test
    void aMeasurementThatIsNotANumberFailsAndABrokenExpectationThrows() {
        VerdictLog log = log(null);
        assertFalse(log.check("NaN", Double.NaN, 1, Tolerance.percent(100)).passed());
        assertFalse(log.atLeast("NaN", Double.NaN, 0).passed());
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
                () -> log.check("theory broke", 1, Double.POSITIVE_INFINITY, Tolerance.NONE));
        assertTrue(broken.getMessage().contains("expected must be finite"), broken.getMessage());
        assertThrows(IllegalArgumentException.class, () -> log.check(" ", 1, 1, Tolerance.NONE));
        assertThrows(IllegalArgumentException.class, () -> Tolerance.percent(-1));
    }

    // ---- The printed line -----------------------------------------------------------------------

    @Test
    void eachVerdictPrintsOneLineStartingWithItsOutcome() {
        VerdictLog log = log(null);
        log.check("mean response at rho 0.5 (ms)", 4.021, 4.2, Tolerance.percent(10));
        log.atLeast("shared queue beats partitioned,\nratio", 1.5, 2);

        String[] lines = printed().split("\n");
        assertEquals(2, lines.length, printed());
        assertEquals("PASS mean response at rho 0.5 (ms): measured 4.021, expected 4.2 ±10% (allowed 3.78 to 4.62)",
                lines[0]);
        assertEquals("FAIL shared queue beats partitioned, ratio: measured 1.5, expected at least 2 (allowed >= 2)",
                lines[1]);
        assertEquals(1, log.failures());
    }

    // ---- The results file -----------------------------------------------------------------------

    @Test
    void rowsAreAppendedWithOneHeaderAndSurviveCommasQuotesAndLineBreaks(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("nested/results.csv");
        String tricky = "p99 \"tail\", in ms,\nsecond line";
        VerdictLog first = log(results);
        first.check(tricky, 50.0, 50.0, Tolerance.percent(1));
        first.atMost("p99, capped", 70.5, 60.0, Tolerance.absolute(5));
        // A second log (another notebook, another JVM) appends to the same file without a header.
        log(results).atLeast("third", 3, 1);

        Table rows = Table.read().csv(results.toFile());
        assertEquals(ResultsFile.COLUMNS, rows.columnNames());
        assertEquals(3, rows.rowCount());
        assertEquals(tricky, rows.getString(0, "claim"));
        assertEquals("p99, capped", rows.getString(1, "claim"));
        assertEquals("FAIL", rows.getString(1, "outcome"));
        assertEquals("PASS", rows.getString(2, "outcome"));
        assertEquals(70.5, Double.parseDouble(rows.getString(1, "measured")), 0);
        assertEquals(65.0, Double.parseDouble(rows.getString(1, "upper_bound")), 0);
        assertEquals("01-averages-lie", rows.getString(0, "notebook"));
        assertEquals("2025-01-02T03:04:05Z", rows.getString(0, "recorded_at"));
        assertEquals("Linux 6.1 (amd64)", rows.getString(0, "os"));
        assertEquals("2", rows.getString(0, "cores"));
    }

    @Test
    void logsAppendingFromSeveralThreadsWriteWholeRows(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results.csv");
        VerdictLog first = log(results);
        VerdictLog second = log(results);
        Thread[] writers = new Thread[2];
        for (int w = 0; w < writers.length; w++) {
            VerdictLog log = w == 0 ? first : second;
            writers[w] = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    log.atLeast("row, " + i, i, 0);
                }
            });
            writers[w].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        Table rows = Table.read().csv(results.toFile());
        assertEquals(100, rows.rowCount());
        assertEquals(ResultsFile.COLUMNS, rows.columnNames());
    }

    @Test
    void theCsvQuotesExactlyWhatNeedsIt() {
        Verdict verdict = log(null).check("a \"quoted\", claim", 1, 1, Tolerance.NONE);
        String csv = ResultsFile.toCsv(verdict, false);
        assertTrue(csv.contains(",\"a \"\"quoted\"\", claim\","), csv);
        assertTrue(csv.endsWith("\n") && csv.indexOf('\n') == csv.length() - 1, csv);
    }

    // ---- Configuration and the table ------------------------------------------------------------

    @Test
    void settingsComeFromSystemPropertiesBeforeTheEnvironment() {
        Map<String, String> properties = Map.of("PERFLAB_RESULTS", "/tmp/from-property.csv");
        Map<String, String> environment = Map.of("PERFLAB_RESULTS", "/tmp/from-env.csv",
                "PERFLAB_NOTEBOOK", "02-throughput-utilization-queueing");
        VerdictLog log = VerdictLog.fromEnvironment(null, properties::get, environment::get);
        assertEquals(Path.of("/tmp/from-property.csv"), log.resultsFile());
        assertEquals("02-throughput-utilization-queueing", log.notebook());

        VerdictLog named = VerdictLog.fromEnvironment("03-find-the-bottleneck", Map.<String, String>of()::get,
                environment::get);
        assertEquals("03-find-the-bottleneck", named.notebook());

        VerdictLog bare = VerdictLog.fromEnvironment(null, Map.<String, String>of()::get, Map.<String, String>of()::get);
        assertEquals(VerdictLog.UNNAMED_NOTEBOOK, bare.notebook());
        assertNull(bare.resultsFile());
    }

    @Test
    void theTableListsThisRunsVerdictsAndCountsThem() {
        VerdictLog log = log(null);
        log.check("one", 1, 1, Tolerance.NONE);
        log.atMost("two", 3, 2);
        Table table = log.table();
        assertEquals(2, table.rowCount());
        assertEquals("FAIL", table.getString(1, "verdict"));
        assertEquals("at most 2", table.getString(1, "expected"));
        assertTrue(table.name().contains("1 PASS, 1 FAIL"), table.name());
    }

    @Test
    void theStaticFacadeStartsAFreshListPerNotebook() {
        VerdictLog previous = Verdicts.log();
        try {
            Verdicts.use(log(null));
            Verdicts.check("facade", 1, 1, Tolerance.NONE);
            assertEquals(1, Verdicts.all().size());
            Verdicts.notebook("99-scratch");
            assertEquals("99-scratch", Verdicts.log().notebook());
            assertTrue(Verdicts.all().isEmpty());
        } finally {
            Verdicts.use(previous);
        }
    }

    @Test
    void tolerancesDescribeThemselves() {
        assertEquals("±10%", Tolerance.percent(10).toString());
        assertEquals("±0.5", Tolerance.absolute(0.5).toString());
        assertEquals("exact", Tolerance.NONE.toString());
        assertEquals("12350", Numbers.format(12345.6));
        assertEquals("0.634", Numbers.format(0.634));
    }
}
