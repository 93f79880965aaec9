package org.perflab.kernel.runner;

import org.perflab.verdict.ResultsCsv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.perflab.kernel.Cli;
import org.perflab.kernel.client.Ipykernel;
import org.perflab.testing.Python;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The soak end to end with ipykernel: its Python cells append verdict rows to PERFLAB_RESULTS as the
 * library does from Java, so each run's rows can be told apart without the PerfLab kernel.
 */
@Python
@Timeout(120)
class SoakIpykernelTest {

    private static final String KERNEL_CMD = "/usr/bin/python3 -m ipykernel_launcher -f {connection_file}";
    /** Defines verdict(claim, measured, outcome): appends a row as the library would and prints the line. */
    private static final String VERDICT = String.join("\n",
            "import os, pathlib",
            "def verdict(claim, measured, outcome):",
            "    path = pathlib.Path(os.environ['PERFLAB_RESULTS'])",
            "    header = '' if path.exists() and path.stat().st_size else "
                    + "'" + ResultsCsvRows.HEADER.strip() + "\\n'",
            "    row = f'2026-12-07T00:00:00Z,{os.environ[\"PERFLAB_NOTEBOOK\"]},{claim},AT_MOST,{measured},1.0,"
                    + "exact,-Infinity,1.0,{outcome},none,2,17,Linux,claim,1,{measured},{measured}\\n'",
            "    with path.open('a') as f:",
            "        f.write(header + row)",
            "    print(outcome + ' ' + claim)",
            "run = int(pathlib.Path('runs').read_text()) + 1 if pathlib.Path('runs').exists() else 1",
            "pathlib.Path('runs').write_text(str(run))");

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
    void eachRunsVerdictsAreTalliedAndAClaimOneRunSkippedIsMissing(@TempDir Path dir) throws Exception {
        Path notebook = writeNotebook(dir.resolve("02-q.ipynb"), VERDICT,
                "verdict('steady', 1.5 * run, 'PASS')\nif run == 1:\n    verdict('once', 2.0, 'INCONCLUSIVE')");
        Path output = dir.resolve("soak");

        int exit = soak("--repeats", "2", "--output-dir", output.toString(), notebook.toString());

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed + err);
        assertTrue(printed.lines().anyMatch(line -> line.matches("02-q\\s+steady\\s+claim\\s+2\\s+0\\s+0\\s+0\\s+"
                + "1\\.500 to 3\\.000")), printed);
        assertTrue(printed.lines().anyMatch(line -> line.matches("02-q\\s+once\\s+claim\\s+0\\s+1\\s+0\\s+1\\s+2\\.000")),
                printed);
        assertTrue(printed.contains("3 verdicts in 2 runs: 33.3% inconclusive, 0 fail; 0 runs failed"), printed);
        assertEquals(3, ResultsCsv.read(output.resolve(SoakOptions.RESULTS_FILE_NAME)).size());
        assertTrue(Files.isRegularFile(output.resolve("run-1").resolve("02-q.ipynb")));
        assertTrue(Files.isRegularFile(output.resolve("run-2").resolve("02-q.ipynb")));
    }

    @Test
    void aFailVerdictDoesNotStopTheRunButFailsTheSoak(@TempDir Path dir) throws Exception {
        Path notebook = writeNotebook(dir.resolve("03-f.ipynb"), VERDICT, "verdict('broken', 9.0, 'FAIL')",
                "verdict('after', 1.0, 'PASS')");
        Path results = dir.resolve("results.csv");

        int exit = soak("--repeats", "1", "--results", results.toString(), notebook.toString());

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit, printed + err);
        assertTrue(printed.lines().anyMatch(line -> line.matches("03-f\\s+after\\s+claim\\s+1\\s+0\\s+0\\s+0\\s+.*")),
                "the cell after the FAIL ran: " + printed);
        assertTrue(printed.contains("2 verdicts in 1 runs: 0.0% inconclusive, 1 fail; 0 runs failed"), printed);
        assertTrue(printed.contains("Verdicts of every run: " + results), printed);
    }

    private int soak(String... args) {
        List<String> argv = new ArrayList<>(List.of("--kernel-cmd", KERNEL_CMD));
        argv.addAll(List.of(args));
        return Cli.execute(new SoakOptions(new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)), argv.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path writeNotebook(Path file, String... sources) throws Exception {
        StringBuilder cells = new StringBuilder();
        for (int i = 0; i < sources.length; i++) {
            cells.append(i == 0 ? "" : ",").append("{\"cell_type\":\"code\",\"id\":\"c").append(i)
                    .append("\",\"metadata\":{},\"execution_count\":null,\"outputs\":[],\"source\":\"\"}");
        }
        Notebook notebook = Notebook.parse("{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{},\"cells\":["
                + cells + "]}", file.toString());
        for (int i = 0; i < sources.length; i++) {
            notebook.cells().get(i).json().addProperty("source", sources[i]);
        }
        notebook.write(file);
        return file;
    }
}
