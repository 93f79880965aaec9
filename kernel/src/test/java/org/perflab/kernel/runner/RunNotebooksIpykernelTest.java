package org.perflab.kernel.runner;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.perflab.kernel.client.Ipykernel;
import org.perflab.testing.Python;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line, end to end, with ipykernel as the kernel. */
@Python
@Timeout(120)
class RunNotebooksIpykernelTest {

    private static final String KERNEL_CMD = "/usr/bin/python3 -m ipykernel_launcher -f {connection_file}";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void needsPython() {
        Ipykernel.assumePresent();
    }

    @AfterAll
    static void noKernelOutlivesTheTests() {
        Ipykernel.assertNoChildProcesses();
    }

    @Test
    void runsADirectoryInNameOrderAndPrintsATimingTable(@TempDir Path dir) throws Exception {
        Path notebooks = Files.createDirectory(dir.resolve("notebooks"));
        writeNotebook(notebooks.resolve("02-second.ipynb"), "print('second')");
        writeNotebook(notebooks.resolve("01-first.ipynb"), "print('first')");
        Path outDir = dir.resolve("executed");

        int exit = run("--timeout-seconds", "30", "--kernel-cmd", KERNEL_CMD, "--output-dir", outDir.toString(),
                notebooks.toString());

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(RunNotebooks.EXIT_OK, exit, printed + err);
        assertTrue(printed.indexOf("01-first.ipynb ok") < printed.indexOf("02-second.ipynb ok"), printed);
        assertTrue(printed.contains("notebook") && printed.contains("wall s") && printed.contains("total (2 notebooks)"),
                printed);
        assertTrue(Files.readString(outDir.resolve("01-first.ipynb")).contains("\"first\\n\""));
        assertTrue(Files.readString(outDir.resolve("02-second.ipynb")).contains("\"second\\n\""));
    }

    @Test
    void stopsAtTheFirstFailingNotebookWithExitCodeOne(@TempDir Path dir) throws Exception {
        Path failing = writeNotebook(dir.resolve("01-fails.ipynb"), "raise ValueError('bad input 42')");
        Path never = writeNotebook(dir.resolve("02-never.ipynb"), "print('never')");
        String neverBefore = Files.readString(never);

        int exit = run("--kernel-cmd", KERNEL_CMD, "--in-place", failing.toString(), never.toString());

        assertEquals(RunNotebooks.EXIT_NOTEBOOK_FAILED, exit);
        String printed = out.toString(StandardCharsets.UTF_8);
        String reported = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("1 not run"), printed);
        assertTrue(printed.contains("FAILED: cell 1 of 1"), printed);
        assertFalse(printed.contains("02-never.ipynb ok"), printed);
        assertTrue(reported.contains("ValueError: bad input 42"), reported);
        assertTrue(reported.contains("raise ValueError('bad input 42')"), "the cell source is printed: " + reported);
        assertEquals(neverBefore, Files.readString(never));
    }

    @Test
    void inconclusiveVerdictsAreCountedButDoNotFailTheNotebook(@TempDir Path dir) throws Exception {
        Path notebook = writeNotebook(dir.resolve("01-verdicts.ipynb"),
                "print('PASS mean (ms): measured 4')\nprint('INCONCLUSIVE p99 (ms): measured 9')\n"
                        + "print('INCONCLUSIVE p99.9 (ms): measured 30')");

        int exit = run("--kernel-cmd", KERNEL_CMD, notebook.toString());

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(RunNotebooks.EXIT_OK, exit, printed + err);
        assertTrue(printed.lines().anyMatch(line -> line.matches(".*01-verdicts\\.ipynb\\s.*\\s1\\s+2\\s+0\\s+ok")),
                "1 pass, 2 inconclusive, 0 fail: " + printed);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(RunNotebooks.EXIT_USAGE, run("--timeout-seconds"));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("'--timeout-seconds'") && printed.contains("Valid options: "), printed);
    }

    private int run(String... args) {
        return RunNotebooks.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path writeNotebook(Path file, String source) throws Exception {
        Notebook notebook = Notebook.parse("{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{},\"cells\":["
                + "{\"cell_type\":\"code\",\"id\":\"only\",\"metadata\":{},\"execution_count\":null,\"outputs\":[],"
                + "\"source\":\"\"}]}", file.toString());
        notebook.cells().get(0).json().addProperty("source", source);
        notebook.write(file);
        return file;
    }
}
