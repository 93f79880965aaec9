package org.perflab.kernel.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.perflab.kernel.runner.ResultsCsvRows.HEADER;
import static org.perflab.kernel.runner.ResultsCsvRows.OLD_HEADER;
import static org.perflab.kernel.runner.ResultsCsvRows.oldRow;
import static org.perflab.kernel.runner.ResultsCsvRows.row;

class CompareResultsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void onlyIntervalsThatDoNotOverlapAreReportedAsMoved() throws Exception {
        Path reference = write("reference.csv", HEADER
                + row("02-q", "overlapping", 10.0, "PASS", "claim", 5, 9.0, 11.0)
                + row("02-q", "touching", 10.0, "PASS", "claim", 5, 9.0, 11.0)
                + row("02-q", "apart", 10.0, "PASS", "mechanism", 5, 9.0, 11.0));
        Path current = write("current.csv", HEADER
                + row("02-q", "overlapping", 11.5, "PASS", "claim", 5, 10.5, 12.5)
                + row("02-q", "touching", 12.0, "PASS", "claim", 5, 11.0, 13.0)
                + row("02-q", "apart", 20.0, "PASS", "mechanism", 5, 19.0, 21.0));

        assertEquals(0, compare(reference, current), printed());

        assertTrue(line("overlapping").contains(" same "), printed());
        assertTrue(line("touching").contains(" same "), "touching intervals overlap: " + printed());
        assertTrue(line("apart").contains(" moved "), printed());
        assertTrue(line("apart").contains("mechanism"), printed());
        assertTrue(line("apart").contains("10.00 [9.000, 11.00]") && line("apart").contains("20.00 [19.00, 21.00]"),
                printed());
        assertTrue(printed().contains("3 claims compared: 0 fail now, 0 inconclusive now, 0 changed outcome, "
                + "1 moved (intervals do not overlap), 0 in the reference but not in this run"), printed());
    }

    @Test
    void oldReferenceRowsAreExactValuesAndOfKindClaim() throws Exception {
        Path reference = write("reference.csv", OLD_HEADER + oldRow("01-a", "exact inside", 10.0, "PASS")
                + oldRow("01-a", "exact outside", 10.0, "PASS") + oldRow("01-a", "gone", 1.0, "PASS"));
        Path current = write("current.csv", HEADER
                + row("01-a", "exact inside", 10.2, "PASS", "claim", 7, 9.9, 10.4)
                + row("01-a", "exact outside", 10.6, "PASS", "claim", 7, 10.4, 10.8));

        assertEquals(0, compare(reference, current), printed());

        assertTrue(line("exact inside").contains(" same "), printed());
        assertTrue(line("exact outside").contains(" moved "), printed());
        assertTrue(line("exact outside").matches(".*\\b10\\.00\\s+10\\.60 \\[.*"), "exact: no interval: " + printed());
        assertTrue(printed().contains("1 moved (intervals do not overlap), 1 in the reference but not in this run"),
                printed());
    }

    @Test
    void inconclusiveIsCountedButDoesNotFailAndAFailDoes() throws Exception {
        Path reference = write("reference.csv", HEADER + row("03-b", "steady", 1.0, "PASS", "claim", 1, 1.0, 1.0));
        Path inconclusive = write("inconclusive.csv",
                HEADER + row("03-b", "steady", 1.0, "INCONCLUSIVE", "claim", 9, 0.5, 1.5));
        Path failing = write("failing.csv", HEADER + row("03-b", "steady", 1.0, "FAIL", "claim", 9, 0.5, 1.5)
                + row("03-b", "new one", 2.0, "PASS", "sanity", 1, 2.0, 2.0));

        assertEquals(0, compare(reference, inconclusive), printed());
        assertTrue(line("steady").endsWith("PASS -> INCONCLUSIVE"), printed());
        assertTrue(printed().contains("1 claims compared: 0 fail now, 1 inconclusive now, 1 changed outcome"),
                printed());

        out.reset();
        assertEquals(1, compare(reference, failing), printed());
        assertTrue(line("steady").endsWith("PASS -> FAIL"), printed());
        assertTrue(line("new one").contains(" new ") && line("new one").endsWith("new -> PASS"), printed());
    }

    @Test
    void aFileThatIsNotAResultsFileIsAUsageErrorNamingIt() throws Exception {
        Path reference = write("reference.csv", "a,b\n1,2\n");

        assertEquals(2, compare(reference, reference));

        assertTrue(printed().contains(reference + " has no column 'notebook'"), printed());
    }

    private int compare(Path reference, Path current) {
        return CompareResults.run(new String[] {reference.toString(), current.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private Path write(String name, String csv) throws Exception {
        return Files.writeString(dir.resolve(name), csv);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String line(String claim) {
        return printed().lines().filter(line -> line.contains(" " + claim + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + claim + " in\n" + printed())).strip();
    }
}
