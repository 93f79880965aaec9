package org.perflab.kernel.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Starts a kernel from an argv template, the way Jupyter starts one from a kernelspec: writes a
 * connection file, substitutes its path for {@value #CONNECTION_FILE_PLACEHOLDER}, starts the
 * process, connects a {@link KernelClient} and waits until the kernel answers kernel_info_request.
 *
 * <pre>{@code
 * try (KernelProcess kernel = KernelLauncher.builder(List.of(
 *         "/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}")).launch()) {
 *     kernel.client().execute("print(1)", Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class KernelLauncher {

    public static final String CONNECTION_FILE_PLACEHOLDER = "{connection_file}";
    /** A JVM kernel that loads JShell needs a few seconds on a busy two-core machine; allow ten times that. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(3);
    private static final int MAX_SHOWN_ARG_CHARS = 120;

    private final List<String> commandTemplate;
    private final String kernelName;
    private final KernelLog log;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final Duration startupTimeout;
    private final Duration shutdownGrace;

    private KernelLauncher(Builder builder) {
        this.commandTemplate = List.copyOf(builder.commandTemplate);
        this.kernelName = builder.kernelName;
        this.log = builder.log;
        this.workingDirectory = builder.workingDirectory;
        this.environment = Map.copyOf(builder.environment);
        this.startupTimeout = builder.startupTimeout;
        this.shutdownGrace = builder.shutdownGrace;
    }

    /** @param commandTemplate argv with {@value #CONNECTION_FILE_PLACEHOLDER} where the kernel expects the file */
    public static Builder builder(List<String> commandTemplate) {
        return new Builder(commandTemplate);
    }

    public List<String> commandTemplate() {
        return commandTemplate;
    }

    /**
     * Starts a kernel and waits until it is ready.
     *
     * @throws KernelStartException if the process cannot start, exits early, or does not answer in
     *                              time; the message quotes the end of the kernel's output
     */
    public KernelProcess launch() {
        ConnectionInfo connection = ConnectionInfo.allocate(kernelName);
        Path connectionFile = connection.writeToTempFile();
        List<String> command = fillIn(commandTemplate, connectionFile);
        Path logFile = resolveLogFile();
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().putAll(environment);
        if (logFile == null) {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        }
        long startNanos = System.nanoTime();
        Process process;
        try {
            process = builder.start();
            // Kernels read requests from sockets, never from stdin: give them EOF at once.
            process.getOutputStream().close();
        } catch (IOException e) {
            deleteQuietly(connectionFile);
            if (logFile != null && log.fixedFile().isEmpty()) {
                deleteQuietly(logFile); // empty: nothing ran that could have written to it
            }
            throw new KernelStartException("Could not start kernel command " + describe(command) + ": " + e.getMessage()
                    + "; check that the program exists and is executable", e);
        }
        KernelProcess kernel = new KernelProcess(process, command, connection, connectionFile, logFile,
                log.fixedFile().isEmpty(), shutdownGrace);
        try {
            kernel.client().waitForReady(startupTimeout);
            kernel.markReady(System.nanoTime() - startNanos);
            return kernel;
        } catch (KernelDiedException e) {
            kernel.close();
            throw new KernelStartException("Kernel command " + describe(command) + " exited before it answered "
                    + "kernel_info_request: " + new ProcessWatch(process, logFile).deathNotice(), e);
        } catch (KernelException e) {
            String tail = kernel.logTail(ProcessWatch.TAIL_LINES);
            kernel.close();
            throw new KernelStartException("Kernel command " + describe(command) + " (pid " + process.pid()
                    + ") was not ready within " + startupTimeout.toMillis() + " ms: " + e.getMessage()
                    + "\nLast lines of its output" + (logFile == null ? "" : " (" + logFile + ")") + ":\n" + tail
                    + "\nRaise the startup timeout if the kernel is merely slow to start.", e);
        }
    }

    /** The command for error messages: a class path of 5,000 characters would bury the reason. */
    static String describe(List<String> command) {
        List<String> shown = new ArrayList<>(command.size());
        for (String arg : command) {
            shown.add(arg.length() <= MAX_SHOWN_ARG_CHARS ? arg
                    : arg.substring(0, MAX_SHOWN_ARG_CHARS) + "...(" + arg.length() + " chars)");
        }
        return shown.toString();
    }

    static List<String> fillIn(List<String> template, Path connectionFile) {
        List<String> command = new ArrayList<>(template.size());
        for (String arg : template) {
            command.add(arg.replace(CONNECTION_FILE_PLACEHOLDER, connectionFile.toString()));
        }
        return command;
    }

    private Path resolveLogFile() {
        if (log.inherits()) {
            return null;
        }
        if (log.fixedFile().isPresent()) {
            return log.fixedFile().get();
        }
        try {
            return Files.createTempFile("perflab-kernel-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a kernel log file in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A stale temp connection file is harmless; the start failure is what matters.
        }
    }

    /** Settings of a {@link KernelLauncher}; only the command template is required. */
    public static final class Builder {
        private final List<String> commandTemplate;
        private String kernelName = "";
        private KernelLog log = KernelLog.tempFile();
        private Path workingDirectory;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;

        private Builder(List<String> commandTemplate) {
            Objects.requireNonNull(commandTemplate, "commandTemplate");
            if (commandTemplate.isEmpty()) {
                throw new IllegalArgumentException("The kernel command is empty; give an argv such as "
                        + "[java, -cp, ..., org.perflab.kernel.Main, kernel, " + CONNECTION_FILE_PLACEHOLDER + "]");
            }
            if (commandTemplate.stream().noneMatch(arg -> arg.contains(CONNECTION_FILE_PLACEHOLDER))) {
                throw new IllegalArgumentException("The kernel command " + commandTemplate + " has no "
                        + CONNECTION_FILE_PLACEHOLDER + " placeholder; put it where the kernel expects the path "
                        + "of its connection file");
            }
            this.commandTemplate = List.copyOf(commandTemplate);
        }

        /** Written into the connection file as kernel_name. */
        public Builder kernelName(String kernelName) {
            this.kernelName = Objects.requireNonNull(kernelName, "kernelName");
            return this;
        }

        public Builder log(KernelLog log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        /** Adds an environment variable for the kernel process, on top of this process's environment. */
        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = positive("startupTimeout", startupTimeout);
            return this;
        }

        /** How long close() waits for the kernel to exit after shutdown_request before destroying it. */
        public Builder shutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = positive("shutdownGrace", shutdownGrace);
            return this;
        }

        public KernelLauncher build() {
            return new KernelLauncher(this);
        }

        /** Shortcut for {@code build().launch()}. */
        public KernelProcess launch() {
            return build().launch();
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " was " + value + "; it must be positive");
            }
            return value;
        }
    }
}
