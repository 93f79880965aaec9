package org.perflab.env;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lifecycle every throwaway server shares, with {@code sh} standing in for the server: a port taken
 * between choosing and binding is retried on new ports, a process that exits or never becomes ready fails
 * with its output and leaves no directory, close is idempotent, and a notebook interrupt stops it.
 */
class LoopbackProcessTest {

    private static Process shell(Path directory, String script) throws IOException {
        return new ProcessBuilder("sh", "-c", script).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("out.log").toFile()).start();
    }

    private static String output(Path directory) {
        return ChildProcesses.tail(directory.resolve("out.log"), 20);
    }

    @Test
    void aTakenPortIsRetriedOnNewPortsAndTheReadyProcessIsStoppedByClose() throws Exception {
        AtomicInteger launches = new AtomicInteger();
        List<List<Integer>> portsTried = new ArrayList<>();
        LoopbackProcess process = LoopbackProcess.builder("fake server")
                .temporaryDirectory("perflab-loopback-test-")
                .ports(2)
                .launcher((directory, ports) -> {
                    portsTried.add(ports);
                    return launches.incrementAndGet() == 1
                            ? shell(directory, "echo 'bind: " + LoopbackProcess.PORT_TAKEN + "'; exit 1")
                            : shell(directory, "touch ready; exec sleep 60");
                })
                .readiness((launched, directory, ports) -> Files.exists(directory.resolve("ready")) ? null : "no ready file")
                .output(LoopbackProcessTest::output)
                .start();
        assertEquals(2, launches.get());
        assertEquals(2, process.ports().size());
        assertNotEquals(portsTried.get(0), portsTried.get(1), "the retry kept the taken ports");
        assertTrue(process.isAlive());
        assertTrue(process.port() >= 10_000 && process.port() < ChildProcesses.ephemeralPortsStart());
        Path directory = process.directory();
        process.close();
        process.close();
        assertFalse(process.isAlive());
        assertTrue(process.isClosed());
        assertFalse(Files.exists(directory), "close left " + directory);
    }

    @Test
    void aProcessThatExitsFailsWithItsExitCodeAndOutputAndLeavesNoDirectory() throws Exception {
        List<Path> directories = new ArrayList<>();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> LoopbackProcess
                .builder("fake server")
                .temporaryDirectory("perflab-loopback-test-")
                .launcher((directory, ports) -> {
                    directories.add(directory);
                    return shell(directory, "echo 'FATAL bad config'; exit 7");
                })
                .readiness((launched, directory, ports) -> "never ready")
                .output(LoopbackProcessTest::output)
                .hint(output -> output.contains("FATAL") ? " Fix the config." : "")
                .start());
        assertEquals(1, directories.size(), "an exit without a taken port was retried");
        String message = failure.getMessage();
        assertTrue(message.startsWith("fake server (pid "), message);
        assertTrue(message.contains("exited (exit code 7) before it was ready. Fix the config. Its output:\nFATAL bad config"),
                message);
        assertFalse(Files.exists(directories.get(0)));
    }

    @Test
    void aProcessNotReadyInTimeIsStoppedAndNamesTheLastCheck() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> LoopbackProcess
                .builder("slow server")
                .temporaryDirectory("perflab-loopback-test-")
                .startTimeout(Duration.ofMillis(200))
                .launcher((directory, ports) -> shell(directory, "exec sleep 60"))
                .readiness((launched, directory, ports) -> "not listening on " + ports.get(0))
                .output(LoopbackProcessTest::output)
                .start());
        assertTrue(failure.getMessage().contains("was not ready within 200 ms; last check: not listening on"),
                failure.getMessage());
    }

    @Test
    void aNotebookInterruptStopsAGuardedProcessAndAnUnguardedOneIsLeftToItsOwner() throws Exception {
        int before = CancelOnInterrupt.pending();
        LoopbackProcess guarded = sleeper(true);
        LoopbackProcess unguarded = sleeper(false);
        try {
            assertEquals(before + 1, CancelOnInterrupt.pending());
            CancelOnInterrupt.cancelAll();
            assertTrue(guarded.isClosed());
            assertFalse(guarded.isAlive());
            assertTrue(unguarded.isAlive());
            assertEquals(before, CancelOnInterrupt.pending());
        } finally {
            unguarded.close();
            guarded.close();
        }
        assertFalse(unguarded.isAlive());
    }

    @Test
    void badSettingsFailNamingTheFix() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> LoopbackProcess.builder("x").portAttempts(0)).getMessage();
        assertTrue(message.startsWith("portAttempts must be between 1 and 10, was 0: "), message);
        String noLauncher = assertThrows(NullPointerException.class,
                () -> LoopbackProcess.builder("x").temporaryDirectory("p-").start()).getMessage();
        assertTrue(noLauncher.contains("call launcher(...) before start()"), noLauncher);
    }

    private static LoopbackProcess sleeper(boolean guarded) throws Exception {
        return LoopbackProcess.builder("sleeper")
                .temporaryDirectory("perflab-loopback-test-")
                .guarded(guarded)
                .launcher((directory, ports) -> shell(directory, "exec sleep 60"))
                .readiness((launched, directory, ports) -> null)
                .output(LoopbackProcessTest::output)
                .start();
    }
}
