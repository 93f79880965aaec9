package org.perflab.kernel.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start failures, with /bin/sh standing in for a broken kernel: no Python needed. */
@Timeout(60)
class KernelLauncherTest {

    @AfterAll
    static void noProcessOutlivesTheTests() {
        Ipykernel.assertNoChildProcesses();
    }

    @TempDir
    Path logs;

    @Test
    void kernelThatExitsAtOnceIsReportedWithItsExitCodeAndStderr() {
        long start = System.nanoTime();
        KernelStartException e = assertThrows(KernelStartException.class, () -> KernelLauncher.builder(List.of(
                        "/bin/sh", "-c", "echo 'no module named perflab' >&2; exit 3", "sh", "{connection_file}"))
                .log(KernelLog.file(logs.resolve("exits.log")))
                .launch());

        assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("no module named perflab"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(),
                "a dead kernel must be noticed long before the 60 s startup timeout");
    }

    @Test
    void kernelThatNeverAnswersTimesOutAndIsKilled() {
        KernelStartException e = assertThrows(KernelStartException.class, () -> KernelLauncher.builder(List.of(
                        "/bin/sh", "-c", "echo starting; sleep 60", "sh", "{connection_file}"))
                .log(KernelLog.file(logs.resolve("never-answers.log")))
                .startupTimeout(Duration.ofMillis(1500))
                .shutdownGrace(Duration.ofMillis(500))
                .launch());

        assertTrue(e.getMessage().contains("was not ready within 1500 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("starting"), "the log tail is quoted: " + e.getMessage());
        Ipykernel.assertNoChildProcesses();
    }

    @Test
    void missingProgramIsACleanStartError() {
        long logsBefore = countTempKernelLogs();
        KernelStartException e = assertThrows(KernelStartException.class, () -> KernelLauncher.builder(List.of(
                "/nonexistent/kernel", "{connection_file}")).launch());
        assertTrue(e.getMessage().contains("/nonexistent/kernel"), e.getMessage());
        assertTrue(countTempKernelLogs() <= logsBefore, "the empty temp log of a kernel that never ran is deleted");
    }

    private static long countTempKernelLogs() {
        try (var files = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().matches("perflab-kernel-.*\\.log")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void commandWithoutConnectionFilePlaceholderIsRejectedUpFront() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelLauncher.builder(List.of("java", "-jar", "kernel.jar")));
        assertTrue(e.getMessage().contains("{connection_file}"), e.getMessage());
    }

    @Test
    void placeholderIsReplacedInsideLongerArguments() {
        List<String> command = KernelLauncher.fillIn(List.of("kernel", "--file={connection_file}"),
                Path.of("/tmp/c.json"));
        assertTrue(command.contains("--file=/tmp/c.json"), command.toString());
    }
}
