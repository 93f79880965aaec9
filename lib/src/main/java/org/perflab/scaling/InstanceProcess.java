package org.perflab.scaling;

import org.perflab.env.ChildProcesses;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One {@link ServiceInstance} JVM of a local {@link ServiceFleet}: how to launch it, its process, and
 * its output, which goes to a log file (a pipe nobody reads would fill and stall the instance). Each
 * launch appends to the same file, so the tail of a failed start shows that start's output.
 */
final class InstanceProcess {

    /** Launches of a first start that may find their port taken between choosing and binding it. */
    static final int PORT_ATTEMPTS = 3;
    static final long STOP_WAIT_MS = 5_000;
    private static final long HEALTH_POLL_MS = 50;
    private static final int TAIL_LINES = 30;

    private final List<String> javaCommand;
    private final Map<String, String> environment;
    private final Path log;
    private volatile InstanceOptions options;
    private volatile Process process;
    private volatile long logOffset;

    /**
     * @param javaCommand the java executable, JVM options and class path, to which the main class and the
     *                    instance's arguments are added
     * @param environment variables to set in the instance's environment (connection settings)
     */
    InstanceProcess(InstanceOptions options, List<String> javaCommand, Map<String, String> environment, Path log) {
        this.options = options;
        this.javaCommand = List.copyOf(javaCommand);
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    String name() {
        return options.name();
    }

    Upstream upstream() {
        return new Upstream(options.name(), options.host(), options.port(), 1);
    }

    /** The port that answers /health and /stats on a thread of its own, as an upstream. */
    Upstream adminUpstream() {
        return new Upstream(options.name(), options.host(), options.adminPort(), 1);
    }

    long pid() {
        Process current = process;
        if (current == null) {
            throw new IllegalStateException(name() + " was never launched");
        }
        return current.pid();
    }

    boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /**
     * Launches the instance and waits until {@code /health} answers 200. With {@code portAttempts} above 1 a
     * port that another process took in the meantime is replaced by a new free one; otherwise the port
     * stays (a restart must come back where the balancer expects it).
     *
     * @param abandoned true once the fleet is closing, which ends the wait
     * @throws IllegalStateException naming the reason, with the tail of the instance's output
     */
    void start(Duration timeout, int portAttempts, BooleanSupplier abandoned) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            launch();
            try {
                awaitHealthy(timeout, abandoned);
                return;
            } catch (IllegalStateException e) {
                kill();
                boolean portTaken = output().contains("Address already in use");
                if (!portTaken || attempt >= portAttempts) {
                    throw e;
                }
                List<Integer> ports = ChildProcesses.freeLoopbackPorts(2);
                options = options.withPorts(ports.get(0), ports.get(1));
            }
        }
    }

    private synchronized void launch() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name() + " is already running as pid " + process.pid());
        }
        List<String> command = new ArrayList<>(javaCommand);
        command.add(ServiceInstance.class.getName());
        command.addAll(options.toArguments());
        logOffset = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        // The instance reads nothing; closing its stdin now leaves no pipe for it to wait on.
        process.getOutputStream().close();
    }

    private void awaitHealthy(Duration timeout, BooleanSupplier abandoned) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (true) {
            Process current = process;
            if (!current.isAlive()) {
                throw failure("exited with code " + current.exitValue() + " before it was healthy");
            }
            if (abandoned.getAsBoolean()) {
                throw failure("was abandoned while starting: the fleet was closed");
            }
            last = InstanceProbe.healthProblem(upstream());
            if (last == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw failure("was not healthy within " + timeout.toMillis() + " ms; last check: " + last);
            }
            TimeUnit.MILLISECONDS.sleep(HEALTH_POLL_MS);
        }
    }

    private IllegalStateException failure(String what) {
        String output = output();
        String hint = output.contains("Could not find or load main class") || output.contains("NoClassDefFoundError")
                ? " The class path lacks perflab-lib or one of its dependencies: pass the full class path with"
                + " ServiceFleet.Builder.classPath(...)."
                : "";
        return new IllegalStateException(name() + " (pid " + process.pid() + ", " + options.host() + ":"
                + options.port() + ") " + what + "." + hint + " Its output (" + log + "):\n" + tail(output));
    }

    /** Kills the instance at once (SIGKILL): no shutdown hook, no goodbye, like a crash. */
    void kill() throws InterruptedException {
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroyForcibly().waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** SIGKILL without waiting, for when waiting was interrupted. */
    void killWithoutWaiting() {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
        }
    }

    /** Asks the instance to stop (SIGTERM); {@link #awaitStopped} waits for it. */
    void terminate() {
        Process current = process;
        if (current != null) {
            current.destroy();
        }
    }

    /** Waits for a terminated instance, killing it when it takes longer than {@link #STOP_WAIT_MS}. */
    void awaitStopped() throws InterruptedException {
        Process current = process;
        if (current != null && !current.waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
            current.destroyForcibly().waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** The last {@code lines} lines the instance printed since it was last launched. */
    String logTail(int lines) {
        return tail(output(), lines);
    }

    private static String tail(String output) {
        return tail(output, TAIL_LINES);
    }

    private static String tail(String output, int lines) {
        List<String> all = output.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** What the instance printed since its last launch. */
    private String output() {
        if (!Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.min(logOffset, file.length());
            byte[] bytes = new byte[(int) Math.min(file.length() - from, 1 << 20)];
            file.seek(file.length() - bytes.length);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + log, e);
        }
    }

    @Override
    public String toString() {
        return name() + "@" + options.host() + ":" + options.port() + (isAlive() ? " pid " + process.pid() : " (stopped)");
    }
}
