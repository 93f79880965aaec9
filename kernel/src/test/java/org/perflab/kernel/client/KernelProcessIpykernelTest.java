package org.perflab.kernel.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.perflab.testing.Python;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kernel process lifecycle: no orphans, and a dying kernel is reported, not waited out. */
@Python
@Timeout(60)
class KernelProcessIpykernelTest {

    @TempDir
    Path logs;

    /** Kernels these tests kill leave their logs for diagnosis; keep them out of the temp directory. */
    private static KernelProcess launchLoggingTo(Path log) {
        return KernelLauncher.builder(Ipykernel.command()).log(KernelLog.file(log))
                .startupTimeout(Ipykernel.STARTUP_TIMEOUT).launch();
    }

    @BeforeAll
    static void needsPython() {
        Ipykernel.assumePresent();
    }

    @AfterAll
    static void noProcessOutlivesTheTests() {
        Ipykernel.assertNoChildProcesses();
    }

    @Test
    void closeKillsTheKernelAndTheProcessesItStarted() {
        // The shell leaves a sleeping child behind, then becomes the kernel: like a kernel JVM with a child JVM.
        List<String> command = List.of("/bin/sh", "-c", "sleep 120 & exec \"$0\" -m ipykernel_launcher -f \"$1\"",
                Ipykernel.PYTHON.toString(), KernelLauncher.CONNECTION_FILE_PLACEHOLDER);
        // ipykernel reaps its own children at shutdown and waits for this one, which it cannot reap: an
        // unclean exit, whose log is kept, so it goes to the test's directory.
        KernelProcess kernel = KernelLauncher.builder(command).log(KernelLog.file(logs.resolve("tree.log")))
                .startupTimeout(Ipykernel.STARTUP_TIMEOUT).launch();
        List<ProcessHandle> descendants = ProcessHandle.of(kernel.pid()).orElseThrow().descendants().toList();
        assertFalse(descendants.isEmpty(), "the sleeping child should be a descendant of the kernel");

        kernel.close();

        assertFalse(kernel.isRunning());
        for (ProcessHandle descendant : descendants) {
            assertTrue(descendant.onExit().isDone() || !descendant.isAlive(), "descendant " + descendant.pid() + " survived");
        }
        assertFalse(Files.exists(kernel.connectionFile()), "connection file is deleted on close");
    }

    @Test
    void kernelDeathDuringAnExecutionEndsTheWaitWithTheExitCode() {
        try (KernelProcess kernel = launchLoggingTo(logs.resolve("exits.log"))) {
            long start = System.nanoTime();
            KernelDiedException e = assertThrows(KernelDiedException.class, () -> kernel.client()
                    .execute("import os; os._exit(7)", Duration.ofSeconds(30)));

            assertTrue(e.getMessage().contains("exited with code 7"), e.getMessage());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "noticed long before the timeout");
        }
    }

    @Test
    void heartbeatFailsOnceTheKernelIsGone() {
        try (KernelProcess kernel = launchLoggingTo(logs.resolve("killed.log"))) {
            KernelClient client = kernel.client();
            assertTrue(client.isAlive(Duration.ofSeconds(5)),
                    () -> "no heartbeat from a running kernel; its log:\n" + kernel.logTail(40));
            ProcessHandle.of(kernel.pid()).orElseThrow().destroyForcibly();
            ProcessHandle.of(kernel.pid()).ifPresent(handle -> handle.onExit().join());

            assertFalse(client.isAlive(Duration.ofMillis(500)));
        }
    }
}
