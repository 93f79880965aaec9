package org.perflab.kernel.runner;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TimingTableTest {

    @Test
    void eachNotebookShowsItsVerdictsByOutcomeAndInconclusiveLeavesItOk() {
        TimingTable table = new TimingTable();
        table.add(result("01-a.ipynb", null, new VerdictCounts(4, 0, 2)));
        table.add(result("02-b.ipynb", "cell 3 of 5: VerdictFailed: FAIL p99 (ms)", new VerdictCounts(1, 1, 0)));

        String printed = table.render();

        assertTrue(printed.lines().findFirst().orElseThrow().matches(".*pass\\s+inconclusive\\s+fail\\s+result"),
                printed);
        assertTrue(printed.lines().anyMatch(line -> line.matches("01-a\\.ipynb\\s.*\\s4\\s+2\\s+0\\s+ok")), printed);
        assertTrue(printed.lines().anyMatch(line -> line.matches("02-b\\.ipynb\\s.*\\s1\\s+0\\s+1\\s+FAILED: .*")),
                printed);
        assertTrue(printed.lines().anyMatch(line -> line.matches("total \\(2 notebooks\\)\\s.*\\s5\\s+2\\s+1\\s*")),
                printed);
    }

    private static NotebookResult result(String notebook, String failure, VerdictCounts verdicts) {
        return new NotebookResult(Path.of(notebook), failure, null, Duration.ofSeconds(3), Duration.ofSeconds(1), 5,
                5, null, verdicts);
    }
}
