package org.perflab.kernel.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunNotebooksOptionsTest {

    @Test
    void directoriesExpandToTheirNotebooksSortedByName(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("10-b.ipynb"), "{}");
        Files.writeString(dir.resolve("02-a.ipynb"), "{}");
        Files.writeString(dir.resolve("notes.txt"), "");
        Files.createDirectory(dir.resolve(".ipynb_checkpoints"));
        Path single = Files.writeString(dir.resolve("zz.ipynb"), "{}");

        RunNotebooksOptions options = RunNotebooksOptions.parse(new String[]{
                "--timeout-seconds", "7", "--kernel-cmd", "python3 -m ipykernel_launcher -f {connection_file}",
                "--output-dir", dir.resolve("out").toString(), single.toString(), dir.toString()});

        assertEquals(List.of(single, dir.resolve("02-a.ipynb"), dir.resolve("10-b.ipynb"), single), options.notebooks);
        assertEquals(Duration.ofSeconds(7), options.cellTimeout);
        assertEquals(List.of("python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"), options.kernelCommand);
        assertEquals(dir.resolve("out").resolve("02-a.ipynb"),
                options.output.destinationFor(dir.resolve("02-a.ipynb")).orElseThrow());
    }

    @Test
    void defaultsAreThoseOfBeforePicocli(@TempDir Path dir) throws Exception {
        Path notebook = Files.writeString(dir.resolve("a.ipynb"), "{}");

        RunNotebooksOptions options = RunNotebooksOptions.parse(notebook.toString());

        assertEquals(NotebookRunner.DEFAULT_CELL_TIMEOUT, options.cellTimeout);
        assertEquals(org.perflab.kernel.client.KernelLauncher.DEFAULT_STARTUP_TIMEOUT, options.startupTimeout);
        assertEquals(KernelCommand.defaultCommand(), options.kernelCommand);
        assertTrue(options.output.destinationFor(notebook).isEmpty(), "no output unless asked");
        assertEquals(null, options.resultsFile);
    }

    @Test
    void everyOptionParses(@TempDir Path dir) throws Exception {
        Path notebook = Files.writeString(dir.resolve("a.ipynb"), "{}");

        RunNotebooksOptions options = RunNotebooksOptions.parse("--in-place", "--write-partial",
                "--startup-timeout-seconds", "9", "--results", "r.csv", notebook.toString());

        assertEquals(Duration.ofSeconds(9), options.startupTimeout);
        assertEquals(Path.of("r.csv"), options.resultsFile);
        assertEquals(notebook, options.output.destinationFor(notebook).orElseThrow());
        assertTrue(options.output.writesPartialResults());
    }

    @Test
    void badCommandLinesSayWhatIsWrong(@TempDir Path dir) throws Exception {
        Path notebook = Files.writeString(dir.resolve("a.ipynb"), "{}");
        assertUsage("exclude each other", "--in-place", "--output-dir", "x", notebook.toString());
        assertUsage("whole number", "--timeout-seconds", "ten", notebook.toString());
        assertUsage("No such notebook", dir.resolve("missing.ipynb").toString());
        assertUsage("Missing required parameter: 'NOTEBOOK_OR_DIR'");
        assertUsage("Unknown option: '--fast'", "--fast", notebook.toString());
        assertUsage("0 is less than 1", "--startup-timeout-seconds", "0", notebook.toString());
        assertUsage("{connection_file}", "--kernel-cmd", "python3 -m ipykernel_launcher", notebook.toString());
        Path other = Files.createDirectory(dir.resolve("other"));
        Path sameName = Files.writeString(other.resolve("a.ipynb"), "{}");
        assertUsage("would both be written", "--output-dir", "out", notebook.toString(), sameName.toString());
    }

    private static void assertUsage(String expected, String... args) {
        ParameterException e = assertThrows(ParameterException.class,
                () -> RunNotebooksOptions.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
