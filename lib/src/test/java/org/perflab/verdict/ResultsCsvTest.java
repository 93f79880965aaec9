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

    /** The header VerdictLog writes today. */
    private static final String HEADER = String.join(",", ResultsFile.COLUMNS) + "\n";
    /** A file written before the confidence intervals: no kind, repeats or interval columns. */
    private static final String OLD_HEADER = "recorded_at,notebook,claim,comparison,measured,expected,tolerance,"
            + "lower_bound,upper_bound,outcome,backend,cores,jdk,os\n";

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
    void oldRowsAreExactClaims() {
        List<VerdictRow> rows = ResultsCsv.read(OLD_HEADER
                + "2026-12-07T02:16:41Z,01-a,p99.9 is slow (ms),AT_LEAST,5003.8,5000.0,exact,5000.0,Infinity,PASS,"
                + "none,2,17,Linux\n", "test");

        assertEquals(List.of(new VerdictRow("01-a", "p99.9 is slow (ms)", ResultsCsv.DEFAULT_KIND, 5003.8, 5003.8,
                5003.8, 1, Outcome.PASS)), rows);
    }

    @Test
    void nanAndInfinityAreNumbersAndAnEmptyFileHasNoRows() {
        VerdictRow row = ResultsCsv.read(HEADER + "2026-12-07T02:16:41Z,a,c,AT_MOST,NaN,50.0,±1%,-Infinity,50.5,FAIL,none,2,17,"
                + "Linux,sanity,3,-Infinity,Infinity\n", "test").get(0);

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
                () -> ResultsCsv.read(OLD_HEADER
                        + "2026-12-07T02:16:41Z,a,b,AT_LEAST,1.0,5000.0,exact,5000.0,Infinity,MAYBE,none,2,17,Linux\n",
                        "x.csv"));
        assertTrue(badOutcome.getMessage().contains("x.csv row 1: 'MAYBE' is not an outcome; expected one of "
                + "[PASS, FAIL, INCONCLUSIVE]"), badOutcome.getMessage());
    }
}
