package org.perflab.env;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway server (embedded PostgreSQL, embedded redis-server) that cannot outlive this JVM, nor
 * leave its run directory behind.
 *
 * <p>The server is not this JVM's child: a small {@code sh} watcher is, in a session of its own (so
 * a Ctrl-C or a kill aimed at the kernel's process group reaches neither). The watcher starts the
 * server, then reads its standard input, which is a pipe from this JVM, until end of file. That end
 * comes when {@link #close()} closes the pipe, and also when this JVM dies in any way, SIGKILL
 * included, because the operating system closes a dead process's pipes. Either way the watcher stops
 * the server with its shutdown signal, gives it {@link #STOP_GRACE} (15 s) before SIGKILL, and
 * deletes the run directory. A JVM shutdown hook would not run on SIGKILL; this does.
 *
 * <p>What the watcher cannot survive (being killed itself, a power cut) is swept by the next start:
 * {@link #newRunDirectory} deletes run directories whose watcher is gone, stopping their server first.
 */
public final class GuardedServer implements AutoCloseable {

    /** How long a stopping server gets from its shutdown signal to SIGKILL. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(15);

    static final String LOG = "server.log";
    static final String SERVER_PID = "server.pid";
    static final String WATCHER_PID = "watcher.pid";
    /** A run directory without a watcher pid this old was abandoned while starting. */
    private static final Duration STARTING_GRACE = Duration.ofMinutes(2);

    // $1 the run directory, $2 the server's shutdown signal, then the server's command. The watcher owns
    // the directory from its first line: it waits for "start" while the caller fills the directory, and an
    // end of file instead (the JVM died meanwhile) deletes it. The server's standard input is /dev/null,
    // so only this shell holds the pipe. A timer kills a server that ignores its signal; it is stopped
    // as soon as the server has gone, so it never signals a process that reused the number. No trap:
    // the watcher's own session (setsid) keeps signals aimed at the kernel's process group away.
    private static final String WATCHER = String.join("\n",
            "dir=$1; signal=$2; shift 2",
            "if ! read -r go; then rm -rf \"$dir\"; exit 0; fi",
            "\"$@\" </dev/null >>\"$dir/" + LOG + "\" 2>&1 &",
            "server=$!",
            "echo \"$server\" >\"$dir/" + SERVER_PID + "\"",
            "cat >/dev/null",
            "kill -\"$signal\" \"$server\" 2>/dev/null",
            "(sleep " + STOP_GRACE.toSeconds() + "; kill -KILL \"$server\" 2>/dev/null) </dev/null >/dev/null 2>&1 &",
            "timer=$!",
            "wait \"$server\"",
            "kill \"$timer\" 2>/dev/null",
            "rm -rf \"$dir\"");

    private final String label;
    private final Path runDirectory;
    private final Process watcher;
    private boolean closed;

    private GuardedServer(String label, Path runDirectory, Process watcher) {
        this.label = label;
        this.runDirectory = runDirectory;
        this.watcher = watcher;
    }

    /**
     * Puts {@code runDirectory} under a watcher that will run {@code command} (already wrapped by
     * {@link ServerAccount#command}) once {@link #launch()} is called; until then the caller fills the
     * directory, and if this JVM dies meanwhile the watcher deletes it. The server's standard output
     * and error go to {@code runDirectory/server.log}. {@code shutdownSignal} is the signal name that
     * stops it cleanly: {@code INT} for PostgreSQL's fast shutdown, {@code TERM} for redis-server.
     */
    public static GuardedServer prepare(String label, Path runDirectory, List<String> command, String shutdownSignal)
            throws IOException {
        List<String> full = new ArrayList<>();
        Executables.find("setsid", List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")))
                .ifPresent(setsid -> full.add(setsid.toString()));
        full.addAll(List.of("/bin/sh", "-c", WATCHER, "perflab-guard", runDirectory.toString(), shutdownSignal));
        full.addAll(command);
        Process watcher = new ProcessBuilder(full)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(runDirectory.resolve("watcher.log").toFile()))
                .start();
        Files.writeString(runDirectory.resolve(WATCHER_PID), Long.toString(watcher.pid()));
        return new GuardedServer(label, runDirectory, watcher);
    }

    /** Runs the server in the run directory, as filled by now. */
    public void launch() throws IOException {
        OutputStream pipe = watcher.getOutputStream();
        pipe.write("start\n".getBytes(StandardCharsets.US_ASCII));
        pipe.flush();
    }

    /**
     * {@link #prepare} then {@link #launch}, for a server whose directory needs nothing before it
     * starts.
     */
    public static GuardedServer start(String label, Path runDirectory, List<String> command, String shutdownSignal)
            throws IOException {
        GuardedServer server = prepare(label, runDirectory, command, shutdownSignal);
        server.launch();
        return server;
    }

    /** How one embedded server is made ready on a port: its command, its run directory's contents, its readiness. */
    public interface Launch {
        /** The server's command line (already wrapped by {@link ServerAccount#command}) for this run and port. */
        List<String> command(Path run, int port);

        /** Fills the run directory before the server starts (guarded already: a failure leaves nothing). */
        void fill(Path run) throws Exception;

        /** Returns once the server answers on {@code port}; throws with its log if it exits or takes too long. */
        void awaitReady(GuardedServer server, int port) throws Exception;
    }

    /** A server that answers, and its port. */
    public record Started(GuardedServer server, int port) {
    }

    /**
     * Starts a server on a free loopback port: a new run directory {@code prefix-*}, guarded before it is
     * filled, then the server launched and awaited. When another process took the port in the meantime
     * (the failure's message contains {@code portTaken}), it tries again on another, up to
     * {@value LoopbackProcess#PORT_ATTEMPTS} times ({@link LoopbackProcess#retryOnTakenPort}). Any failure, an interrupt included, stops the server and deletes
     * its run directory before it is thrown.
     */
    public static Started startOnFreePort(String label, String prefix, String shutdownSignal, String portTaken,
                                          Launch launch) throws Exception {
        return LoopbackProcess.retryOnTakenPort(portTaken, attempt -> {
            Path run = newRunDirectory(prefix);
            int port = ChildProcesses.freeLoopbackPort();
            GuardedServer server = prepare(label, run, launch.command(run, port), shutdownSignal);
            try {
                launch.fill(run);
                server.launch();
                launch.awaitReady(server, port);
                return new Started(server, port);
            } catch (Throwable e) {                 // ThreadDeath too: a cell's interrupt on JDK 17
                server.close();
                throw e;
            }
        });
    }

    /** The directory the server writes to, deleted when it stops. */
    public Path runDirectory() {
        return runDirectory;
    }

    /** True while the server process runs (it may still be starting). */
    public boolean isAlive() {
        return serverProcess(runDirectory).map(ProcessHandle::isAlive).orElse(watcher.isAlive());
    }

    /** The last lines the server wrote, for an error message. */
    public String logTail(int lines) {
        return ChildProcesses.tail(runDirectory.resolve(LOG), lines);
    }

    /**
     * Stops the server and deletes its run directory, waiting for both; idempotent. Keeps an
     * interrupt: an interrupted close still stops the server, by force.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = Thread.interrupted();
        try {
            closeQuietly(watcher.getOutputStream());
            if (!interrupted && watcher.waitFor(STOP_GRACE.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (watcher.isAlive() || Files.exists(runDirectory)) {
                forceStop(runDirectory, watcher.toHandle());
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return label + " in " + runDirectory;
    }

    /**
     * A new, empty run directory {@code prefix-*} under {@link #runRoot()}, after deleting the run
     * directories there whose watcher is gone (stopping their server, if it still runs). Others may
     * pass through it, to reach what a server running as another account owns inside.
     */
    public static Path newRunDirectory(String prefix) throws IOException {
        Path root = runRoot();
        sweepAbandoned(root);
        Path run = Files.createTempDirectory(root, prefix + "-");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx--x--x"));
        return run;
    }

    /**
     * {@code java.io.tmpdir/perflab-USER}, made on first use. Only its owner may write it; others may
     * pass through it, so a server running as another account reaches the directory it owns inside.
     */
    public static Path runRoot() throws IOException {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "perflab-" + System.getProperty("user.name"));
        if (!Files.isDirectory(root)) {
            try {
                Files.createDirectories(root);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Made by a concurrent start.
            }
        }
        try {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system; nothing to set.
        }
        return root;
    }

    private static void sweepAbandoned(Path root) {
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(root)) {
            for (Path run : runs) {
                if (Files.isDirectory(run) && isAbandoned(run)) {
                    forceStop(run, null);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A sweep is best effort: the next start tries again.
        }
    }

    private static boolean isAbandoned(Path run) throws IOException {
        Optional<ProcessHandle> watcher = processOf(run.resolve(WATCHER_PID));
        if (watcher.isPresent()) {
            return !watcher.get().isAlive();
        }
        if (Files.exists(run.resolve(WATCHER_PID))) {
            return true;                        // it names a process that is gone
        }
        FileTime modified = Files.getLastModifiedTime(run);
        return modified.toInstant().isBefore(Instant.now().minus(STARTING_GRACE));
    }

    /** Kills the watcher and the server, then deletes the run directory (as the watcher would have). */
    private static void forceStop(Path run, ProcessHandle watcher) {
        if (watcher != null) {
            watcher.destroyForcibly();
        }
        serverProcess(run).filter(server -> watcher != null || runsIn(server, run)).ifPresent(server -> {
            server.destroyForcibly();
            server.onExit().orTimeout(ChildProcesses.STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> null).join();
        });
        ChildProcesses.deleteRecursively(run);
    }

    /** The pid file may name a process that has since reused the number: kill it only if it runs in {@code run}. */
    private static boolean runsIn(ProcessHandle process, Path run) {
        return process.info().commandLine().map(line -> line.contains(run.getFileName().toString())).orElse(false);
    }

    private static Optional<ProcessHandle> serverProcess(Path run) {
        return processOf(run.resolve(SERVER_PID)).filter(ProcessHandle::isAlive);
    }

    private static Optional<ProcessHandle> processOf(Path pidFile) {
        try {
            String text = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // The watcher has already gone; forceStop cleans up.
        }
    }
}
