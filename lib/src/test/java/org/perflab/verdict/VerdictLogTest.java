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
        assertTrue(log.claim("upper edge").near(100, Tolerance.percent(10)).value(110).passed());
        assertTrue(log.claim("lower edge").near(100, Tolerance.percent(10)).value(90).passed());
        assertFalse(log.claim("just above").near(100, Tolerance.percent(10)).value(110.001).passed());
        assertFalse(log.claim("just below").near(100, Tolerance.percent(10)).value(89.999).passed());
    }

    @Test
    void anEdgeLostToBinaryRoundingStillPasses() {
        // 0.3 x 1.1 is 0.33000000000000007 in binary, one rounding step above the written 0.33.
        VerdictLog log = log(null);
        assertTrue(log.claim("0.33 is 0.3 + 10%").near(0.3, Tolerance.relative(0.1)).value(0.33).passed());
        assertTrue(log.claim("0.1 x 3 at most 0.3").atMost(0.3).value(0.1 * 3).passed());
        assertFalse(log.claim("0.3001 is more than 0.3").atMost(0.3).value(0.3001).passed());
    }

    @Test
    void absoluteToleranceIsInTheClaimsUnit() {
        VerdictLog log = log(null);
        assertTrue(log.claim("within 0.5 ms").near(4.0, Tolerance.absolute(0.5)).value(4.5).passed());
        assertFalse(log.claim("beyond 0.5 ms").near(4.0, Tolerance.absolute(0.5)).value(4.51).passed());
        assertTrue(log.claim("zero expected, absolute slack").near(0, Tolerance.absolute(0.01)).value(-0.01).passed());
        assertFalse(log.claim("zero expected, relative slack allows nothing").near(0, Tolerance.percent(50)).value(0.001).passed());
    }

    @Test
    void oneSidedClaimsIgnoreTheOtherSide() {
        VerdictLog log = log(null);
        assertTrue(log.claim("far above a minimum").atLeast(2).value(1e9).passed());
        assertTrue(log.claim("on the minimum").atLeast(2).value(2).passed());
        assertFalse(log.claim("below the minimum").atLeast(2).value(1.999).passed());
        assertTrue(log.claim("minimum less 10%").atLeast(2, Tolerance.percent(10)).value(1.8).passed());
        assertFalse(log.claim("below minimum less 10%").atLeast(2, Tolerance.percent(10)).value(1.79).passed());
        assertTrue(log.claim("far below a maximum").atMost(2).value(-1e9).passed());
        assertTrue(log.claim("maximum plus 10%").atMost(2, Tolerance.percent(10)).value(2.2).passed());
        assertFalse(log.claim("above maximum plus 10%").atMost(2, Tolerance.percent(10)).value(2.21).passed());
    }

    @Test
    void withinARangeIncludesItsBounds() {
        VerdictLog log = log(null);
        Verdict low = log.claim("fan-out share").between(0.58, 0.68).value(0.58);
        assertTrue(low.passed());
        // A range claim has no expected value inside it: it prints as the range, never as a midpoint.
        assertTrue(Double.isNaN(low.expected()));
        assertEquals("between 0.58 and 0.68", low.expectation().describe());
        assertTrue(log.claim("top").between(0.58, 0.68).value(0.68).passed());
        assertFalse(log.claim("above").between(0.58, 0.68).value(0.6801).passed());
        assertThrows(IllegalArgumentException.class, () -> log.claim("reversed").between(2, 1).value(1));
    }

    @Test
    void aMeasurementThatIsNotANumberFailsAndABrokenExpectationThrows() {
        VerdictLog log = log(null);
        assertFalse(log.claim("NaN").near(1, Tolerance.percent(100)).value(Double.NaN).passed());
        assertFalse(log.claim("NaN").atLeast(0).value(Double.NaN).passed());
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
                () -> log.claim("theory broke").near(Double.POSITIVE_INFINITY, Tolerance.NONE).value(1));
        assertTrue(broken.getMessage().contains("expected must be finite"), broken.getMessage());
        assertThrows(IllegalArgumentException.class, () -> log.claim(" ").near(1, Tolerance.NONE).value(1));
        assertThrows(IllegalArgumentException.class, () -> Tolerance.percent(-1));
    }

    // ---- The printed line -----------------------------------------------------------------------

    @Test
    void eachVerdictPrintsOneLineStartingWithItsOutcome() {
        VerdictLog log = log(null);
        log.claim("mean response at rho 0.5 (ms)").near(4.2, Tolerance.percent(10)).value(4.021);
        log.claim("shared queue beats partitioned,\nratio").atLeast(2).value(1.5);

        String[] lines = printed().split("\n");
        assertEquals(2, lines.length, printed());
        assertEquals("PASS [claim] mean response at rho 0.5 (ms): measured 4.021 (exact), expected 4.2 ±10% "
                + "(allowed 3.78 to 4.62)", lines[0]);
        assertEquals("FAIL [claim] shared queue beats partitioned, ratio: measured 1.5 (exact), expected at least 2 "
                + "(allowed >= 2)", lines[1]);
        assertEquals(1, log.failures());
    }

    // ---- The results file -----------------------------------------------------------------------

    @Test
    void rowsAreAppendedWithOneHeaderAndSurviveCommasQuotesAndLineBreaks(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("nested/results.csv");
        String tricky = "p99 \"tail\", in ms,\nsecond line";
        VerdictLog first = log(results);
        first.claim(tricky).near(50.0, Tolerance.percent(1)).value(50.0);
        first.mechanism("p99, capped").atMost(60.0, Tolerance.absolute(5)).value(70.5);
        // A second log (another notebook, another JVM) appends to the same file without a header.
        log(results).sanity("third").atLeast(1).estimate(Estimate.ofTrials(3, 4, 5));

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
        assertEquals("claim", rows.getString(0, "kind"));
        assertEquals("mechanism", rows.getString(1, "kind"));
        assertEquals("1", rows.getString(0, "repeats"));
        assertEquals(50.0, Double.parseDouble(rows.getString(0, "ci_low")), 0);
        assertEquals("sanity", rows.getString(2, "kind"));
        assertEquals("3", rows.getString(2, "repeats"));
        assertEquals(4 - 4.303 / Math.sqrt(3), Double.parseDouble(rows.getString(2, "ci_low")), 1e-3);
        assertEquals(4 + 4.303 / Math.sqrt(3), Double.parseDouble(rows.getString(2, "ci_high")), 1e-3);
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
                    log.claim("row, " + i).atLeast(0).value(i);
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
        Verdict verdict = log(null).claim("a \"quoted\", claim").near(1, Tolerance.NONE).value(1);
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
        log.claim("one").near(1, Tolerance.NONE).value(1);
        log.claim("two").atMost(2).value(3);
        Table table = log.table();
        assertEquals(2, table.rowCount());
        assertEquals("FAIL", table.getString(1, "verdict"));
        assertEquals("at most 2", table.getString(1, "expected"));
        assertEquals("Verdicts of 01-averages-lie: 1 of 2 claims confirmed; 2 verdicts: 1 PASS, 1 FAIL, 0 INCONCLUSIVE",
                table.name());
        assertEquals("claim", table.getString(0, "kind"));
        assertEquals("exact", table.getString(0, "interval"));
    }

    @Test
    void theStaticFacadeStartsAFreshListPerNotebook() {
        VerdictLog previous = Verdicts.log();
        try {
            Verdicts.use(log(null));
            Verdicts.claim("facade").near(1, Tolerance.NONE).value(1);
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
