package org.perflab.env;

import org.perflab.check.Require;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * A throwaway server process on loopback ports, owned by this JVM: PgBouncer, HAProxy, an instance of
 * a service fleet. One place holds what each of them needs:
 * <ul>
 *   <li>its working directory, a fresh temporary one per launch (or a shared one it leaves alone);</li>
 *   <li>free ports below the ephemeral range ({@link ChildProcesses#freeLoopbackPorts}), chosen again
 *       when another process took one between choosing and binding ({@value #PORT_TAKEN} in its
 *       output), up to {@value #PORT_ATTEMPTS} launches;</li>
 *   <li>a readiness wait with a start timeout, which ends early when the process exits or the owner
 *       abandons the start, and a failure message with the process's output;</li>
 *   <li>a JVM shutdown hook and a notebook interrupt ({@link CancelOnInterrupt}) that stop it if
 *       {@link #close()} was never called, and a {@link #close()} that may be called any number of times
 *       (a {@link ProcessGuard}).</li>
 * </ul>
 * A JVM killed with SIGKILL runs no hook and would leave the process running: servers that must not
 * survive even that run under a {@link GuardedServer}, which starts them through {@link #retryOnTakenPort}
 * and waits for them through {@link #awaitReady}, like this class does.
 *
 * <pre>{@code
 * LoopbackProcess haproxy = LoopbackProcess.builder("HAProxy")
 *         .temporaryDirectory("perflab-haproxy-")
 *         .launcher((directory, ports) -> ...start it on ports.get(0)...)
 *         .readiness((process, directory, ports) -> accepts(ports.get(0)) ? null : "not listening yet")
 *         .output(directory -> ChildProcesses.tail(directory.resolve("console.log"), 20))
 *         .start();
 * }</pre>
 */
public final class LoopbackProcess implements AutoCloseable {

    /** What a server prints (as strerror(EADDRINUSE)) when another process took its port first. */
    public static final String PORT_TAKEN = "Address already in use";
    /** Launches a start may use when it finds its port taken. */
    public static final int PORT_ATTEMPTS = 3;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(20);

    /** Starts the process for one launch, in {@code directory}, on {@code ports}. */
    @FunctionalInterface
    public interface Launcher {
        Process launch(Path directory, List<Integer> ports) throws IOException;
    }

    /** Whether a launched process is ready: null when it is, else what is still missing (for the timeout message). */
    @FunctionalInterface
    public interface Readiness {
        String problem(Process process, Path directory, List<Integer> ports) throws IOException, InterruptedException;
    }

    /** What the process printed since this launch, for the failure message and the port-taken check. */
    @FunctionalInterface
    public interface Output {
        String since(Path directory);
    }

    /** One check of {@link #awaitReady}: null when the server is ready, else what is still missing. */
    @FunctionalInterface
    public interface Probe {
        String problem() throws IOException, InterruptedException;
    }

    /** One launch of {@link #retryOnTakenPort}, numbered from 1. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt) throws Exception;
    }

    private final String label;
    private final Process process;
    private final Path directory;
    private final boolean ownsDirectory;
    private final List<Integer> ports;
    private final ProcessGuard guard;

    private LoopbackProcess(Builder builder, Process process, Path directory, List<Integer> ports) {
        this.label = builder.label;
        this.process = process;
        this.directory = directory;
        this.ownsDirectory = builder.sharedDirectory == null;
        this.ports = List.copyOf(ports);
        this.guard = builder.guarded ? ProcessGuard.guard("perflab-stop-" + ports.get(0), this::stop)
                : ProcessGuard.unguarded(this::stop);
    }

    /** A builder for a process called {@code label} in messages ("PgBouncer", "instance-1"). */
    public static Builder builder(String label) {
        return new Builder(label);
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once {@link #close()} was called (or the shutdown hook or an interrupt stopped it). */
    public boolean isClosed() {
        return guard.isClosed();
    }

    /** Its working directory: deleted by {@link #close()} unless it was a shared one. */
    public Path directory() {
        return directory;
    }

    /** The ports it was launched on, in the order asked for. */
    public List<Integer> ports() {
        return ports;
    }

    /** The first of {@link #ports()}. */
    public int port() {
        return ports.get(0);
    }

    /**
     * Stops the process (SIGTERM, SIGKILL after {@link ChildProcesses#STOP_WAIT}) and deletes
     * its own directory. Idempotent; ends the shutdown hook and the interrupt registration.
     */
    @Override
    public void close() {
        guard.close();
    }

    private void stop() {
        ChildProcesses.stop(process);
        if (ownsDirectory) {
            ChildProcesses.deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return label + " on 127.0.0.1:" + port() + " (pid " + pid() + ", " + (isAlive() ? "running" : "stopped") + ")";
    }

    /**
     * Runs {@code attempt} until it succeeds, at most {@value #PORT_ATTEMPTS} times: again only when it failed
     * with a message containing {@code portTaken}, since another process may take a free port between our
     * choosing it and the server binding it. Each attempt chooses its own port and cleans up after itself.
     */
    public static <T> T retryOnTakenPort(String portTaken, Attempt<T> attempt) throws Exception {
        return retryOnTakenPort(PORT_ATTEMPTS, portTaken, attempt);
    }

    static <T> T retryOnTakenPort(int attempts, String portTaken, Attempt<T> attempt) throws Exception {
        for (int number = 1; ; number++) {
            try {
                return attempt.run(number);
            } catch (Exception e) {
                if (number >= attempts || !String.valueOf(e.getMessage()).contains(portTaken)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Polls {@code probe} every {@code interval} until it answers null (ready). Answers null then, or why the
     * wait ended without it: "exited before it was ready", "was abandoned while starting", or "was not ready
     * within N ms; last check: ...".
     */
    public static String awaitReady(Duration timeout, Duration interval, BooleanSupplier alive, BooleanSupplier abandoned,
                                    Probe probe) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!alive.getAsBoolean()) {
                return "exited before it was ready";
            }
            if (abandoned.getAsBoolean()) {
                return "was abandoned while starting";
            }
            String last = probe.problem();
            if (last == null) {
                // Ready, unless it exited just after answering.
                return alive.getAsBoolean() ? null : "exited before it was ready";
            }
            if (System.nanoTime() > deadline) {
                return "was not ready within " + timeout.toMillis() + " ms; last check: " + last;
            }
            Thread.sleep(interval.toMillis());
        }
    }

    /**
     * Defaults: one port, {@value #PORT_ATTEMPTS} launches, 10 s to become ready, polled every 20 ms, guarded by
     * a shutdown hook and a notebook interrupt.
     */
    public static final class Builder {
        private final String label;
        private String directoryPrefix;
        private Path sharedDirectory;
        private int portCount = 1;
        private List<Integer> firstPorts;
        private int portAttempts = PORT_ATTEMPTS;
        private Duration startTimeout = Duration.ofSeconds(10);
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Launcher launcher;
        private Readiness readiness;
        private Output output;
        private UnaryOperator<String> hint = output -> "";
        private BooleanSupplier abandoned = () -> false;
        private boolean guarded = true;

        private Builder(String label) {
            this.label = Require.notBlank("label", label, "name the process for its messages, e.g. \"HAProxy\"");
        }

        /** A fresh temporary directory {@code prefix*} per launch, deleted on a failed launch and by close. */
        public Builder temporaryDirectory(String prefix) {
            this.directoryPrefix = Require.notBlank("prefix", prefix, "give a prefix such as \"perflab-haproxy-\"");
            this.sharedDirectory = null;
            return this;
        }

        /** A directory the caller owns (a fleet's logs): every launch runs there and nothing deletes it. */
        public Builder sharedDirectory(Path directory) {
            this.sharedDirectory = Require.notNull("directory", directory, "pass an existing directory");
            this.directoryPrefix = null;
            return this;
        }

        /** How many free ports each launch gets (default 1). */
        public Builder ports(int count) {
            this.portCount = Require.between("ports", count, 1, 16, "ask for 1 to 16 ports");
            return this;
        }

        /**
         * The ports of the first launch, chosen by the caller (a fleet chooses all its instances' ports
         * together, so no two get the same); a later launch after a taken port gets new ones.
         */
        public Builder firstPorts(List<Integer> ports) {
            this.firstPorts = List.copyOf(Require.notNull("ports", ports, "pass the ports to launch on"));
            this.portCount = firstPorts.size();
            return this;
        }

        /** Launches before a taken port is reported (default {@value #PORT_ATTEMPTS}); 1 keeps the first ports. */
        public Builder portAttempts(int attempts) {
            this.portAttempts = Require.between("portAttempts", attempts, 1, 10,
                    "use 1 to keep the ports (a restart), 3 to choose again when one is taken");
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Require.positive("startTimeout", startTimeout, "give the process some time, e.g. 10 s");
            return this;
        }

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = Require.positive("pollInterval", pollInterval, "poll every few milliseconds, e.g. 20 ms");
            return this;
        }

        public Builder launcher(Launcher launcher) {
            this.launcher = Require.notNull("launcher", launcher, "pass what starts the process");
            return this;
        }

        public Builder readiness(Readiness readiness) {
            this.readiness = Require.notNull("readiness", readiness, "pass what tells that the process is ready");
            return this;
        }

        public Builder output(Output output) {
            this.output = Require.notNull("output", output, "pass where the process's output can be read");
            return this;
        }

        /** A sentence to add to a failure message, given the process's output ("" for none). */
        public Builder hint(UnaryOperator<String> hint) {
            this.hint = Require.notNull("hint", hint, "pass output -> \"\" for no hint");
            return this;
        }

        /** True once the owner gives up on this start (it is closing); ends the readiness wait. */
        public Builder abandonedWhen(BooleanSupplier abandoned) {
            this.abandoned = Require.notNull("abandoned", abandoned, "pass () -> false to never abandon");
            return this;
        }

        /**
         * Whether a shutdown hook and a notebook interrupt stop the process (default true); false for an
         * owner that guards several processes together with one {@link ProcessGuard}.
         */
        public Builder guarded(boolean guarded) {
            this.guarded = guarded;
            return this;
        }

        /**
         * Launches the process and waits until it is ready. A launch that fails is stopped and its directory
         * deleted; the exception names the process, its port and what happened, with its output.
         *
         * @throws IllegalStateException when it exited, was abandoned, or was not ready in time
         */
        public LoopbackProcess start() throws Exception {
            Require.notNull("launcher", launcher, "call launcher(...) before start()");
            Require.notNull("readiness", readiness, "call readiness(...) before start()");
            Require.notNull("output", output, "call output(...) before start()");
            Require.that(directoryPrefix != null || sharedDirectory != null, "directory", null,
                    "temporary or shared", "call temporaryDirectory(prefix) or sharedDirectory(path)");
            return retryOnTakenPort(portAttempts, PORT_TAKEN, this::launchOnce);
        }

        private LoopbackProcess launchOnce(int attempt) throws Exception {
            List<Integer> ports = attempt == 1 && firstPorts != null ? firstPorts
                    : ChildProcesses.freeLoopbackPorts(portCount);
            Path directory = sharedDirectory != null ? sharedDirectory : Files.createTempDirectory(directoryPrefix);
            Process process = null;
            boolean started = false;
            try {
                process = launcher.launch(directory, ports);
                Process launched = process;
                String problem;
                try {
                    problem = awaitReady(startTimeout, pollInterval, launched::isAlive, abandoned,
                            () -> readiness.problem(launched, directory, ports));
                } catch (InterruptedException e) {
                    // The launch is stopped below; the caller sees the interrupt in the thread's status.
                    Thread.currentThread().interrupt();
                    problem = "was interrupted while starting";
                }
                if (problem == null) {
                    LoopbackProcess ready = new LoopbackProcess(this, process, directory, ports);
                    started = true;
                    return ready;
                }
                throw failure(process, directory, ports, problem);
            } finally {
                if (!started) {
                    discard(process, directory);
                }
            }
        }

        private IllegalStateException failure(Process process, Path directory, List<Integer> ports, String problem) {
            if (!process.isAlive()) {
                problem = problem.replace("exited", "exited (exit code " + process.exitValue() + ")");
            }
            String printed = output.since(directory);
            return new IllegalStateException(label + " (pid " + process.pid() + ", 127.0.0.1:" + ports.get(0) + ") "
                    + problem + "." + hint.apply(printed) + " Its output:\n" + printed);
        }

        /** Stops a launch that failed and deletes its own directory, throwing nothing over the first failure. */
        private void discard(Process process, Path directory) {
            if (process != null) {
                ChildProcesses.stop(process);
            }
            if (sharedDirectory == null) {
                try {
                    ChildProcesses.deleteRecursively(directory);
                } catch (UncheckedIOException e) {
                    // The start failure is the error worth reporting; a leftover temp file is not.
                }
            }
        }

        @Override
        public String toString() {
            return "LoopbackProcess.Builder[" + Objects.toString(label) + "]";
        }
    }
}
