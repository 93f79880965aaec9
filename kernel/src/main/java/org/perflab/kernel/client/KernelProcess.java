package org.perflab.kernel.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A kernel process started by {@link KernelLauncher}, with a connected, ready {@link KernelClient}.
 *
 * <p>{@link #close()} asks the kernel to shut down, waits {@code shutdownGrace}, then destroys the
 * process and every descendant it had: the PerfLab kernel runs user code in a child JVM, and a
 * child whose parent died is re-parented and would outlive the run. A JVM shutdown hook does the
 * same if this process exits without closing the kernel.
 */
public final class KernelProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KernelProcess.class);
    /** After destroy (SIGTERM), how long before destroyForcibly (SIGKILL). */
    static final Duration DESTROY_GRACE = Duration.ofSeconds(3);

    private final Process process;
    private final List<String> command;
    private final ConnectionInfo connectionInfo;
    private final Path connectionFile;
    private final Path logFile;
    private final boolean deleteLogWhenClean;
    private final Duration shutdownGrace;
    private final KernelClient client;
    private final Thread shutdownHook;
    private final Set<ProcessHandle> knownDescendants = new LinkedHashSet<>();
    private volatile long startupNanos = -1;
    private boolean closed;

    KernelProcess(Process process, List<String> command, ConnectionInfo connectionInfo, Path connectionFile,
                  Path logFile, boolean deleteLogWhenClean, Duration shutdownGrace) {
        this.process = process;
        this.command = List.copyOf(command);
        this.connectionInfo = connectionInfo;
        this.connectionFile = connectionFile;
        this.logFile = logFile;
        this.deleteLogWhenClean = deleteLogWhenClean;
        this.shutdownGrace = shutdownGrace;
        this.client = KernelClient.builder(connectionInfo).kernelWatch(new ProcessWatch(process, logFile)).build();
        this.shutdownHook = new Thread(this::destroyTree, "kernel-process-reaper-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The connected client; valid until {@link #close()}. */
    public KernelClient client() {
        return client;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The command that started the kernel, with the connection file filled in. */
    public List<String> command() {
        return command;
    }

    public ConnectionInfo connectionInfo() {
        return connectionInfo;
    }

    public Path connectionFile() {
        return connectionFile;
    }

    /** The file holding the kernel's stdout and stderr; empty when they were inherited. */
    public Optional<Path> logFile() {
        return Optional.ofNullable(logFile);
    }

    /** Cold start: from starting the process to the kernel answering on shell and publishing on iopub. */
    public Duration startupTime() {
        return startupNanos < 0 ? Duration.ZERO : Duration.ofNanos(startupNanos);
    }

    /** The last lines the kernel wrote to its log. */
    public String logTail(int maxLines) {
        return LogTail.lastLines(logFile, maxLines);
    }

    /** Sends SIGINT, for kernels whose kernelspec says {@code interrupt_mode: signal}. */
    public void signalInterrupt() {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            throw new KernelException("Could not send SIGINT to kernel process " + process.pid() + " with 'kill': "
                    + e.getMessage() + "; use KernelClient.interrupt (interrupt_request) instead", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Shutdown request, a grace period, then destroy the process tree. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        rememberDescendants();
        boolean clean = false;
        if (process.isAlive()) {
            try {
                client.shutdown(false, shutdownGrace);
                clean = process.waitFor(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
                if (!clean) {
                    LOG.info("Kernel {} answered shutdown_request but was still running {} ms later; destroying it{}",
                            process.pid(), shutdownGrace.toMillis(),
                            logFile == null ? "" : " (log kept: " + logFile + ")");
                }
            } catch (KernelException e) {
                LOG.info("Kernel {} did not answer shutdown_request ({}); destroying it",
                        process.pid(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        destroyTree();
        client.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; it does the same work.
        }
        deleteQuietly(connectionFile);
        if (clean && deleteLogWhenClean) {
            deleteQuietly(logFile);
        }
    }

    void markReady(long startupNanos) {
        this.startupNanos = startupNanos;
    }

    /** Called before any wait, because once the kernel exits its children are no longer its descendants. */
    private synchronized void rememberDescendants() {
        process.descendants().forEach(knownDescendants::add);
    }

    private void destroyTree() {
        if (process.isAlive()) {
            rememberDescendants();
        }
        List<ProcessHandle> targets = new ArrayList<>();
        targets.add(process.toHandle());
        synchronized (this) {
            targets.addAll(knownDescendants);
        }
        targets.removeIf(handle -> !handle.isAlive());
        if (targets.isEmpty()) {
            return;
        }
        targets.forEach(ProcessHandle::destroy);
        List<ProcessHandle> survivors = awaitExit(targets, DESTROY_GRACE);
        if (!survivors.isEmpty()) {
            LOG.warn("Kernel processes {} ignored SIGTERM for {} ms; killing them",
                    pids(survivors), DESTROY_GRACE.toMillis());
            survivors.forEach(ProcessHandle::destroyForcibly);
            survivors = awaitExit(survivors, DESTROY_GRACE);
            if (!survivors.isEmpty()) {
                LOG.error("Kernel processes {} survived SIGKILL; kill them by hand", pids(survivors));
            }
        }
    }

    private static List<ProcessHandle> awaitExit(List<ProcessHandle> handles, Duration grace) {
        CompletableFuture<?>[] exits = handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Some are still alive; the caller escalates.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return handles.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList());
    }

    private static String pids(List<ProcessHandle> handles) {
        return handles.stream().map(handle -> Long.toString(handle.pid())).collect(Collectors.joining(", "));
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", file, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "KernelProcess{pid=" + process.pid() + ", alive=" + process.isAlive() + ", command="
                + KernelLauncher.describe(command) + "}";
    }
}
