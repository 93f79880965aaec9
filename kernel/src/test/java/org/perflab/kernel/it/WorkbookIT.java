package org.perflab.kernel.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every notebook of the workbook, run in order through the packaged kernel by the notebook runner,
 * as the README's workbook command does: a cell that raises or a verdict that prints FAIL fails
 * the build. The executed copies go to target/executed-notebooks; the committed files are left as
 * they are.
 */
class WorkbookIT {

    @Test
    void everyNotebookRunsAndEveryVerdictPasses() throws Exception {
        Path notebooks = InstalledKernel.MODULE.resolveSibling("notebooks");
        Path output = InstalledKernel.MODULE.resolve("target/executed-notebooks");
        Path results = InstalledKernel.MODULE.resolve("target/test-workbook-results.csv");
        java.nio.file.Files.deleteIfExists(results);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-jar", InstalledKernel.JAR.toString(), "run",
                "--timeout-seconds", "180", "--output-dir", output.toString(), "--results", results.toString(),
                notebooks.toString()))
                .redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes());
        boolean finished = process.waitFor(30, TimeUnit.MINUTES);
        System.out.println(log);
        assertTrue(finished, "the workbook did not finish in 30 minutes");
        assertEquals(0, process.exitValue(), "the workbook failed:\n" + log);
    }
}
