package org.perflab.env;

import org.junit.jupiter.api.Test;
import org.perflab.testing.Slow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watcher's two jobs, with {@code sh} standing in for a server: stop it and delete its directory. */
class GuardedServerTest {

    /** A "server" that records the signal that stopped it, then exits. */
    private static List<String> server(Path run) {
        return List.of("/bin/sh", "-c", "trap 'echo stopped by TERM >> \"$0/stops\"; exit 0' TERM;"
                + " while true; do sleep 0.05; done", run.toString());
    }

    @Test
    void closeStopsTheServerWithItsSignalAndDeletesTheRunDirectory() throws Exception {
        Path run = GuardedServer.newRunDirectory("test");
        Path witness = Files.createTempFile("perflab-guard-witness-", ".txt");
        try {
            GuardedServer server = GuardedServer.start("test server", run, List.of("/bin/sh", "-c",
                    "trap 'echo stopped by TERM > \"$0\"; exit 0' TERM; echo armed > \"$0\";"
                            + " while true; do sleep 0.05; done",
                    witness.toString()), "TERM");
            ProcessHandle process = awaitServerPid(run);
            awaitArmed(witness);
            assertTrue(server.isAlive());
            server.close();
            assertFalse(process.isAlive(), "the server outlived close()");
            assertFalse(Files.exists(run), "the run directory outlived close()");
            assertEquals("stopped by TERM", Files.readString(witness).strip());
            server.close();                                   // idempotent
        } finally {
            Files.deleteIfExists(witness);
        }
    }

    @Test
    @Slow                                                     // waits out the 15 s grace
    void aServerThatIgnoresItsSignalIsKilledAfterTheGrace() throws Exception {
        Path run = GuardedServer.newRunDirectory("test");
        Path witness = Files.createTempFile("perflab-guard-witness-", ".txt");
        GuardedServer server = GuardedServer.start("stubborn server", run, List.of("/bin/sh", "-c",
                "trap '' TERM; echo armed > \"$0\"; while true; do sleep 0.05; done", witness.toString()), "TERM");
        ProcessHandle process = awaitServerPid(run);
        awaitArmed(witness);
        Files.deleteIfExists(witness);
        long start = System.nanoTime();
        server.close();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertFalse(process.isAlive());
        assertFalse(Files.exists(run));
        assertTrue(seconds >= GuardedServer.STOP_GRACE.toSeconds() - 1, "killed after " + seconds + " s, before the grace");
    }

    @Test
    void aStartSweepsARunDirectoryWhoseWatcherIsGone() throws Exception {
        Path abandoned = GuardedServer.newRunDirectory("test");
        // A server whose command line names its run directory, as the real ones do (-D, --dir).
        Process orphan = new ProcessBuilder(server(abandoned)).start();
        Process deadWatcher = new ProcessBuilder("true").start();
        deadWatcher.waitFor();
        Files.writeString(abandoned.resolve(GuardedServer.WATCHER_PID), Long.toString(deadWatcher.pid()));
        Files.writeString(abandoned.resolve(GuardedServer.SERVER_PID), Long.toString(orphan.pid()));
        Path fresh = GuardedServer.newRunDirectory("test");
        try {
            assertTrue(orphan.waitFor(10, TimeUnit.SECONDS), "the orphaned server was not stopped");
            assertFalse(Files.exists(abandoned), "the abandoned run directory was not deleted");
            assertTrue(Files.isDirectory(fresh));
        } finally {
            orphan.destroyForcibly();
            ChildProcesses.deleteRecursively(fresh);
        }
    }

    @Test
    void aStartKeepsTheRunDirectoryOfAWatcherThatRuns() throws Exception {
        Path run = GuardedServer.newRunDirectory("test");
        try (GuardedServer server = GuardedServer.start("live server", run, server(run), "TERM")) {
            awaitServerPid(run);
            Path other = GuardedServer.newRunDirectory("test");
            ChildProcesses.deleteRecursively(other);
            assertTrue(Files.isDirectory(run), "a live server's run directory was swept");
            assertTrue(server.isAlive());
        }
    }

    /** A TERM that arrives before the shell has set its trap would end it at once: wait until the trap is set. */
    private static void awaitArmed(Path witness) throws Exception {
        for (int i = 0; i < 250; i++) {
            if (Files.readString(witness).strip().equals("armed")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the server never set its trap");
    }

    private static ProcessHandle awaitServerPid(Path run) throws Exception {
        Path pidFile = run.resolve(GuardedServer.SERVER_PID);
        for (int i = 0; i < 100; i++) {
            if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
                Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
                if (process.isPresent()) {
                    return process.get();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the watcher never wrote " + pidFile);
    }
}
