package org.perflab.kernel.runner;

import org.perflab.verdict.ResultsCsv;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.perflab.kernel.runner.ResultsCsvRows.HEADER;
import static org.perflab.kernel.runner.ResultsCsvRows.OLD_HEADER;
import static org.perflab.kernel.runner.ResultsCsvRows.oldRow;
import static org.perflab.kernel.runner.ResultsCsvRows.row;

class SoakTableTest {

    private final SoakTable table = new SoakTable();

    @Test
    void countsEachClaimsOutcomesAndTheRangeOfItsMeasurements() {
        add("02-q", 1, 10, HEADER + row("02-q", "p99 (ms)", 4.0, "PASS", "claim", 20, 3.5, 4.5)
                + row("02-q", "utilization", 0.7, "PASS", "mechanism", 1, 0.7, 0.7));
        add("02-q", 2, 12, HEADER + row("02-q", "p99 (ms)", 5.5, "INCONCLUSIVE", "claim", 20, 4.8, 6.2)
                + row("02-q", "utilization", 0.7, "PASS", "mechanism", 1, 0.7, 0.7));
        add("02-q", 3, 11, HEADER + row("02-q", "p99 (ms)", 3.25, "PASS", "claim", 20, 3.0, 3.5)
                + row("02-q", "utilization", 0.9, "FAIL", "mechanism", 1, 0.9, 0.9));

        String printed = table.render();

        assertColumns(printed, "p99 (ms)", "claim", "2", "1", "0", "0", "3.250 to 5.500");
        assertColumns(printed, "utilization", "mechanism", "2", "0", "1", "0", "0.7000 to 0.9000");
        assertTrue(printed.contains("6 verdicts in 3 runs: 16.7% inconclusive, 1 fail; 0 runs failed"), printed);
        assertTrue(printed.lines().anyMatch(line -> line.matches("02-q\\s+3\\s+10\\.00\\s+11\\.00\\s+12\\.00")),
                "wall times min, median, max: " + printed);
        assertTrue(table.failed(), "a FAIL verdict fails the soak");
    }

    @Test
    void aClaimARunDidNotPrintIsMissingInThatRunAndAFailedRunMissesAll() {
        add("03-b", 1, 5, HEADER + row("03-b", "always", 1.0, "PASS", "claim", 1, 1.0, 1.0)
                + row("03-b", "sometimes", 2.0, "PASS", "sanity", 1, 2.0, 2.0));
        add("03-b", 2, 5, HEADER + row("03-b", "always", 1.0, "PASS", "claim", 1, 1.0, 1.0));
        table.add(new SoakTable.Run("03-b", 3, Duration.ofSeconds(2), Optional.of("cell 4 of 9 raised\nmore"),
                List.of()));

        String printed = table.render();

        assertColumns(printed, "always", "claim", "2", "0", "0", "1", "1.000");
        assertColumns(printed, "sometimes", "sanity", "1", "0", "0", "2", "2.000");
        assertTrue(printed.contains("FAILED run 3 of 03-b: cell 4 of 9 raised"), printed);
        assertTrue(printed.contains("3 verdicts in 3 runs: 0.0% inconclusive, 0 fail; 1 runs failed"), printed);
        assertTrue(table.failed(), "a failed run fails the soak");
    }

    @Test
    void oldFormatRowsAreClaimsAndInconclusiveAloneDoesNotFail() {
        add("01-a", 1, 3, OLD_HEADER + oldRow("01-a", "slow request (ms)", 5003.8, "PASS"));
        add("01-a", 2, 4, HEADER + row("01-a", "slow request (ms)", 5010.0, "INCONCLUSIVE", "claim", 8, 4990.0,
                5030.0));

        String printed = table.render();

        assertColumns(printed, "slow request (ms)", "claim", "1", "1", "0", "0", "5004 to 5010");
        assertTrue(printed.contains("2 verdicts in 2 runs: 50.0% inconclusive, 0 fail; 0 runs failed"), printed);
        assertFalse(table.failed(), printed);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(Duration.ofSeconds(3), SoakTable.median(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(9))));
    }

    private void add(String notebook, int repetition, int wallSeconds, String csv) {
        table.add(new SoakTable.Run(notebook, repetition, Duration.ofSeconds(wallSeconds), Optional.empty(),
                ResultsCsv.read(csv, "run " + repetition)));
    }

    /** The claim's row holds kind, pass, inconclusive, fail, missing and the range, in that order. */
    private static void assertColumns(String printed, String claim, String kind, String passed, String inconclusive,
                                      String failed, String missing, String range) {
        String line = printed.lines().filter(l -> l.contains(" " + claim + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + claim + " in\n" + printed));
        String after = line.substring(line.indexOf(claim) + claim.length()).strip();
        assertEquals(List.of(kind, passed, inconclusive, failed, missing, range),
                List.of(after.split("\\s+", 6)), line);
    }
}
