package org.perflab.env;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildProcessesTest {

    @Test
    void deletesNestedFilesAndIgnoresWhatIsAlreadyGone(@TempDir Path parent) throws Exception {
        Path directory = Files.createDirectories(parent.resolve("fleet/logs/old"));
        Files.writeString(directory.resolve("instance-1.log"), "ready 1234\n");
        Files.writeString(parent.resolve("fleet/notes.txt"), "x");
        ChildProcesses.deleteRecursively(parent.resolve("fleet"));
        assertFalse(Files.exists(parent.resolve("fleet")));
        assertTrue(Files.exists(parent), "only the named directory goes");
        ChildProcesses.deleteRecursively(parent.resolve("fleet"));
        ChildProcesses.deleteRecursively(null);
    }
}
