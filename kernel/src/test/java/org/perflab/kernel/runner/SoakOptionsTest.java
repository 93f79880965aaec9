package org.perflab.kernel.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perflab.kernel.Cli;
import picocli.CommandLine.ParameterException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoakOptionsTest {

    @Test
    void defaultsRunFiveTimesWriteNoNotebooksAndLeaveTheResultsFileToTheSoak(@TempDir Path dir) throws Exception {
        Path notebook = Files.writeString(dir.resolve("02-q.ipynb"), "{}");

        SoakOptions options = parse(notebook.toString());

        assertEquals(5, options.repeats);
        assertEquals(List.of(notebook), options.notebooks);
        assertEquals(NotebookRunner.DEFAULT_CELL_TIMEOUT, options.cellTimeout);
        assertEquals(KernelCommand.defaultCommand(), options.kernelCommand);
        assertNull(options.resultsFile, "a temporary file, made when the soak starts");
        assertTrue(options.outputOf(1).destinationFor(notebook).isEmpty(), "never in place");
    }

    @Test
    void eachRepetitionWritesItsOwnDirectoryAndTheResultsGoBesideThem(@TempDir Path dir) throws Exception {
        Path notebook = Files.writeString(dir.resolve("02-q.ipynb"), "{}");
        Path out = dir.resolve("soak");

        SoakOptions options = parse("--repeats", "3", "--output-dir", out.toString(), "--write-partial",
                "--timeout-seconds", "40", "--kernel-cmd", "python3 -m ipykernel_launcher -f {connection_file}",
                notebook.toString());

        assertEquals(3, options.repeats);
        assertEquals(Duration.ofSeconds(40), options.cellTimeout);
        assertEquals(out.resolve(SoakOptions.RESULTS_FILE_NAME), options.resultsFile);
        assertEquals(out.resolve("run-2").resolve("02-q.ipynb"), options.outputOf(2).destinationFor(notebook)
                .orElseThrow());
        assertTrue(options.outputOf(2).writesPartialResults());
        assertEquals(Path.of("r.csv"), parse("--results", "r.csv", "--output-dir", out.toString(),
                notebook.toString()).resultsFile);
    }

    @Test
    void badCommandLinesSayWhatIsWrong(@TempDir Path dir) throws Exception {
        Path notebook = Files.writeString(dir.resolve("a.ipynb"), "{}");
        assertUsage("0 is less than 1", "--repeats", "0", notebook.toString());
        assertUsage("add --output-dir DIR", "--write-partial", notebook.toString());
        assertUsage("Unknown option: '--in-place'", "--in-place", notebook.toString());
        assertUsage("No such notebook", dir.resolve("missing.ipynb").toString());
        assertUsage("{connection_file}", "--kernel-cmd", "python3 -m ipykernel_launcher", notebook.toString());
    }

    private static SoakOptions parse(String... args) {
        SoakOptions options = new SoakOptions();
        Cli.parse(options, args);
        return options.validate();
    }

    private static void assertUsage(String expected, String... args) {
        ParameterException e = assertThrows(ParameterException.class, () -> parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
