package org.perflab.verdict;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsCsvTest {

    static final String HEADER = "recorded_at,notebook,claim,comparison,measured,expected,tolerance,lower_bound,"
            + "upper_bound,outcome,backend,cores,jdk,os,kind,repeats,ci_low,ci_high\n";
    static final String OLD_HEADER = "recorded_at,notebook,claim,comparison,measured,expected,tolerance,lower_bound,"
            + "upper_bound,outcome,backend,cores,jdk,os\n";

    /** A row of today's format. */
    static String row(String notebook, String claim, double measured, String outcome, String kind, int repeats,
                      double ciLow, double ciHigh) {
        return "2026-12-07T02:16:41Z," + notebook + ",\"" + claim.replace("\"", "\"\"") + "\",AT_MOST," + measured
                + ",50.0,±1%,-Infinity,50.5," + outcome + ",none,2,17,Linux," + kind + "," + repeats + "," + ciLow
                + "," + ciHigh + "\n";
    }

    /** A row of a file written before the confidence intervals. */
    static String oldRow(String notebook, String claim, double measured, String outcome) {
        return "2026-12-07T02:16:41Z," + notebook + ",\"" + claim + "\",AT_LEAST," + measured
                + ",5000.0,exact,5000.0,Infinity," + outcome + ",none,2,17,Linux\n";
    }

    @Test
    void readsBackWhatTheVerdictLogWrites(@TempDir Path dir) {
        Path results = dir.resolve("results.csv");
        VerdictLog log = VerdictLog.builder().notebook("07-x").backend("none").resultsFile(results)
                .printTo(new PrintStream(OutputStream.nullOutputStream())).build();
        log.claim("p99, \"tail\" (ms)").atMost(10.0).estimate(Estimate.ofTrials(3, 4, 5));
        log.sanity("rows").near(2.0, Tolerance.NONE).value(3.0);

        List<VerdictRow> rows = ResultsCsv.read(results);

        assertEquals(List.of(new VerdictRow("07-x", "p99, \"tail\" (ms)", "claim", 4.0,
                        Estimate.ofTrials(3, 4, 5).low(), Estimate.ofTrials(3, 4, 5).high(), 3, Outcome.PASS),
                new VerdictRow("07-x", "rows", "sanity", 3.0, 3.0, 3.0, 1, Outcome.FAIL)), rows);
    }

    @Test
    void readsTheVerdictColumnsOfTodaysFormat() {
        List<VerdictRow> rows = ResultsCsv.read(HEADER
                + row("02-q", "p99, under load (ms)", 4.5, "INCONCLUSIVE", "mechanism", 12, 4.1, 4.9), "test");

        assertEquals(List.of(new VerdictRow("02-q", "p99, under load (ms)", "mechanism", 4.5, 4.1, 4.9, 12,
                Outcome.INCONCLUSIVE)), rows);
    }

    @Test
    void oldRowsAreExactClaims() {
        List<VerdictRow> rows = ResultsCsv.read(OLD_HEADER + oldRow("01-a", "p99.9 is slow (ms)", 5003.8, "PASS"),
                "test");

        assertEquals(List.of(new VerdictRow("01-a", "p99.9 is slow (ms)", ResultsCsv.DEFAULT_KIND, 5003.8, 5003.8,
                5003.8, 1, Outcome.PASS)), rows);
    }

    @Test
    void nanAndInfinityAreNumbersAndAnEmptyFileHasNoRows() {
        VerdictRow row = ResultsCsv.read(HEADER + row("a", "c", Double.NaN, "FAIL", "sanity", 3,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), "test").get(0);

        assertTrue(Double.isNaN(row.measured()));
        assertEquals(Double.NEGATIVE_INFINITY, row.ciLow());
        assertEquals(List.of(), ResultsCsv.read("", "empty"));
        assertEquals(List.of(), ResultsCsv.read(HEADER, "header only"));
    }

    @Test
    void aFileThatIsNotAResultsFileSaysWhatIsMissing() {
        ResultsCsv.FormatException noOutcome = assertThrows(ResultsCsv.FormatException.class,
                () -> ResultsCsv.read("notebook,claim,measured\na,b,1.0\n", "x.csv"));
        assertTrue(noOutcome.getMessage().startsWith("x.csv has no column 'outcome'"), noOutcome.getMessage());
        assertTrue(noOutcome.getMessage().contains("run --results FILE"), noOutcome.getMessage());

        ResultsCsv.FormatException badOutcome = assertThrows(ResultsCsv.FormatException.class,
                () -> ResultsCsv.read(OLD_HEADER + oldRow("a", "b", 1, "MAYBE"), "x.csv"));
        assertTrue(badOutcome.getMessage().contains("x.csv row 1: 'MAYBE' is not an outcome; expected one of "
                + "[PASS, FAIL, INCONCLUSIVE]"), badOutcome.getMessage());
    }
}
