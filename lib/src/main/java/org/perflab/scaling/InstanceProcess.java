package org.perflab.scaling;

import org.perflab.env.LoopbackProcess;

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
 * One {@link ServiceInstance} JVM of a local {@link ServiceFleet}: how to launch it (each launch a
 * {@link LoopbackProcess} in the fleet's log directory, guarded by the fleet as a whole), its process, and its
 * output, which goes to a log file (a pipe nobody reads would fill and stall the instance). Each launch appends
 * to the same file, so the tail of a failed start shows that start's output.
 */
final class InstanceProcess {

    static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final Duration HEALTH_POLL = Duration.ofMillis(50);
    private static final int TAIL_LINES = 30;

    private final List<String> javaCommand;
    private final Map<String, String> environment;
    private final Path log;
    private volatile InstanceOptions options;
    private volatile LoopbackProcess launched;
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
        return upstream(options.port());
    }

    /** The port that answers /health and /stats on a thread of its own, as an upstream. */
    Upstream adminUpstream() {
        return upstream(options.adminPort());
    }

    private Upstream upstream(int port) {
        return new Upstream(options.name(), options.host(), port, 1);
    }

    long pid() {
        LoopbackProcess current = launched;
        if (current == null) {
            throw new IllegalStateException(name() + " was never launched");
        }
        return current.pid();
    }

    boolean isAlive() {
        LoopbackProcess current = launched;
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
    synchronized void start(Duration timeout, int portAttempts, BooleanSupplier abandoned) throws Exception {
        if (isAlive()) {
            throw new IllegalStateException(name() + " is already running as pid " + pid());
        }
        LoopbackProcess started = LoopbackProcess.builder(name())
                .sharedDirectory(log.getParent())
                .firstPorts(List.of(options.port(), options.adminPort()))
                .portAttempts(portAttempts)
                .startTimeout(timeout)
                .pollInterval(HEALTH_POLL)
                .abandonedWhen(abandoned)
                .guarded(false)
                .launcher((directory, ports) -> launch(ports))
                .readiness((process, directory, ports) -> InstanceProbe.healthProblem(upstream(ports.get(0))))
                .output(directory -> tail(output(), TAIL_LINES))
                .hint(InstanceProcess::hint)
                .start();
        options = options.withPorts(started.ports().get(0), started.ports().get(1));
        launched = started;
    }

    private Process launch(List<Integer> ports) throws IOException {
        List<String> command = new ArrayList<>(javaCommand);
        command.add(ServiceInstance.class.getName());
        command.addAll(InstanceCommandLine.toArguments(options.withPorts(ports.get(0), ports.get(1))));
        logOffset = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        // The instance reads nothing; closing its stdin now leaves no pipe for it to wait on.
        process.getOutputStream().close();
        return process;
    }

    private static String hint(String output) {
        return output.contains("Could not find or load main class") || output.contains("NoClassDefFoundError")
                ? " The class path lacks perflab-lib or one of its dependencies: pass the full class path with"
                + " ServiceFleet.Builder.classPath(...)."
                : "";
    }

    /**
     * Starts the instance again on the same ports (killing it first if it still runs) and waits until it is
     * healthy; a failure is thrown unchecked, with the instance's output.
     */
    void restart(Duration timeout, BooleanSupplier abandoned) {
        try {
            kill();
            start(timeout, 1, abandoned);
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart " + name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting " + name(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not restart " + name() + ": " + e.getMessage(), e);
        }
    }

    /** {@link #kill()}, for a caller that cannot wait interruptibly: an interrupt is kept and thrown unchecked. */
    void crash() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name(), e);
        }
    }

    /**
     * Stops all {@code instances} together (SIGTERM to each, then waits for each, SIGKILL after
     * {@link #STOP_WAIT}); an interrupt kills the rest without waiting and is kept.
     */
    static void stopAll(List<InstanceProcess> instances) {
        instances.forEach(InstanceProcess::terminate);
        try {
            for (InstanceProcess instance : instances) {
                instance.awaitStopped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            instances.forEach(InstanceProcess::killWithoutWaiting);
        }
    }

    /** Kills the instance at once (SIGKILL): no shutdown hook, no goodbye, like a crash. */
    void kill() throws InterruptedException {
        LoopbackProcess current = launched;
        if (current != null && current.isAlive()) {
            current.process().destroyForcibly().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** SIGKILL without waiting, for when waiting was interrupted. */
    void killWithoutWaiting() {
        LoopbackProcess current = launched;
        if (current != null) {
            current.process().destroyForcibly();
        }
    }

    /** Asks the instance to stop (SIGTERM); {@link #awaitStopped} waits for it. */
    void terminate() {
        LoopbackProcess current = launched;
        if (current != null) {
            current.process().destroy();
        }
    }

    /** Waits for a terminated instance, killing it when it takes longer than {@link #STOP_WAIT}. */
    void awaitStopped() throws InterruptedException {
        LoopbackProcess current = launched;
        if (current != null && !current.process().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            current.process().destroyForcibly().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The last {@code lines} lines the instance printed since it was last launched. */
    String logTail(int lines) {
        return tail(output(), lines);
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
        return name() + "@" + options.host() + ":" + options.port() + (isAlive() ? " pid " + pid() : " (stopped)");
    }
}
