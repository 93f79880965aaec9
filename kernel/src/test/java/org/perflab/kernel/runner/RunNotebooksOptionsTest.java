package org.perflab.kernel.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void badCommandLinesSayWhatIsWrong(@TempDir Path dir) throws Exception {
        Path notebook = Files.writeString(dir.resolve("a.ipynb"), "{}");
        assertUsage("exclude each other", "--in-place", "--output-dir", "x", notebook.toString());
        assertUsage("whole number", "--timeout-seconds", "ten", notebook.toString());
        assertUsage("No such notebook", dir.resolve("missing.ipynb").toString());
        assertUsage("No notebooks given");
        assertUsage("Unknown option --fast", "--fast", notebook.toString());
        assertUsage("{connection_file}", "--kernel-cmd", "python3 -m ipykernel_launcher", notebook.toString());
        Path other = Files.createDirectory(dir.resolve("other"));
        Path sameName = Files.writeString(other.resolve("a.ipynb"), "{}");
        assertUsage("would both be written", "--output-dir", "out", notebook.toString(), sameName.toString());
    }

    private static void assertUsage(String expected, String... args) {
        RunNotebooksOptions.UsageException e = assertThrows(RunNotebooksOptions.UsageException.class,
                () -> RunNotebooksOptions.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
