package org.perflab.kernel.exec;

import org.perflab.env.ChildProcesses;
import org.perflab.kernel.child.ChildMain;
import org.perflab.kernel.child.ChildProtocol;

import java.time.Duration;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The JVM that runs the user's code, owned by the kernel. It is started with the library on its
 * class path, connects back over loopback (authenticated by a per-launch token passed in its
 * environment), and is killed with the kernel: if the kernel dies first, the child notices its
 * closed control socket and halts itself.
 */
public final class ChildJvm implements AutoCloseable {

    /**
     * Environment variable of the kernel: {@value #FORCED_STOP_OFF} starts the child without the
     * debugger agent that stops a busy loop in place (to measure what the agent costs).
     */
    public static final String FORCED_STOP_ENV = "PERFLAB_FORCED_STOP";
    public static final String FORCED_STOP_OFF = "off";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration HELLO_TIMEOUT = Duration.ofSeconds(2);
    /** An interrupt answer must arrive within this time, or the child is considered stuck. */
    static final Duration INTERRUPT_ANSWER_TIMEOUT = Duration.ofMillis(900);
    static final Duration EXIT_GRACE = Duration.ofSeconds(2);
    /**
     * The grace of a child recording a class-data archive at exit (the installer's training run): writing it takes
     * 1 to 3 s on a quiet 2-core machine and more on a busy one, and a child killed half-way leaves no archive, so
     * every later start of that install is about 0.4 s slower. Under the 30 s the installer gives the kernel to stop.
     */
    static final Duration ARCHIVING_EXIT_GRACE = Duration.ofSeconds(25);
    /** How long the debugger's handshake may still take once the child's own connections are made. */
    static final Duration DEBUGGER_ACCEPT_GRACE = Duration.ofSeconds(5);

    /** How an interrupt request ended. */
    public enum InterruptOutcome { STOPPED, IDLE, CANNOT_STOP }

    private final Process process;
    private final Socket execution;
    private final Socket control;
    private final DataInputStream controlIn;
    private final OutputStream controlOut;
    /** Stops a cell that ignores interrupts; null when the child runs without the debugger agent. */
    private final ChildDebugger debugger;
    /** How long {@link #close()} lets the child finish exiting before killing it. */
    private final Duration exitGrace;

    private ChildJvm(Process process, Socket execution, Socket control, ChildDebugger debugger, Duration exitGrace)
            throws IOException {
        this.process = process;
        this.exitGrace = exitGrace;
        this.execution = execution;
        this.control = control;
        this.debugger = debugger;
        this.controlIn = new DataInputStream(control.getInputStream());
        this.controlOut = control.getOutputStream();
    }

    /** Starts a child JVM and waits until both of its connections are established. */
    public static ChildJvm launch(List<Path> classPath, List<String> jvmOptions) throws IOException {
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        // A run that dumps a class-data archive cannot have a JVMTI agent ("CDS dumping does not support native
        // JVMTI agent"): the installer's training run goes without the debugger; it interrupts nothing.
        Optional<ChildDebugger.Listener> debugListener = dumpsClassData(jvmOptions)
                ? Optional.empty() : ChildDebugger.listen((int) CONNECT_TIMEOUT.toMillis());
        // Below the ephemeral range: the kernel binds its connection file's ports (ephemeral ones, as
        // Jupyter clients choose them) while this starts, and must not find one taken by this socket.
        try (ServerSocket server = ChildProcesses.listenOnLoopback(2)) {
            server.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            debugListener.ifPresent(listener -> command.add(listener.agentOption()));
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(joinPath(classPath));
            command.add(ChildMain.class.getName());
            command.add(Integer.toString(server.getLocalPort()));
            command.add(Long.toString(ProcessHandle.current().pid()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put(ChildProtocol.TOKEN_ENV, token);
            Process process = builder.start();
            try {
                Socket execution = null;
                Socket control = null;
                while (execution == null || control == null) {
                    Socket socket = acceptFrom(server, process);
                    DataInputStream hello = new DataInputStream(socket.getInputStream());
                    // The child sends its token as soon as it connects; anything slower is someone else.
                    socket.setSoTimeout((int) HELLO_TIMEOUT.toMillis());
                    String offered;
                    int role;
                    try {
                        offered = hello.readUTF();
                        role = hello.readUnsignedByte();
                    } catch (IOException stranger) {
                        socket.close();
                        continue;
                    }
                    socket.setSoTimeout(0);
                    if (!token.equals(offered)) {
                        socket.close();
                        continue;
                    }
                    socket.setTcpNoDelay(true);
                    if (role == ChildProtocol.ROLE_EXECUTION) {
                        execution = socket;
                    } else if (role == ChildProtocol.ROLE_CONTROL) {
                        control = socket;
                    } else {
                        socket.close();
                    }
                }
                // The agent connects before the child's main runs, so by now it has (or never will).
                ChildDebugger debugger = debugListener.flatMap(l -> l.connection(DEBUGGER_ACCEPT_GRACE.toMillis())).orElse(null);
                return new ChildJvm(process, execution, control, debugger,
                        dumpsClassData(jvmOptions) ? ARCHIVING_EXIT_GRACE : EXIT_GRACE);
            } catch (IOException | RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
        } finally {
            debugListener.ifPresent(ChildDebugger.Listener::abandon);
        }
    }

    static boolean dumpsClassData(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit")
                || option.equals("-Xshare:dump") || option.equals("-XX:+AutoCreateSharedArchive"));
    }

    private static Socket acceptFrom(ServerSocket server, Process process) throws IOException {
        try {
            return server.accept();
        } catch (SocketTimeoutException e) {
            String state = process.isAlive() ? "is still running but did not connect"
                    : "exited with code " + process.exitValue();
            throw new IOException("the Java process for cells " + state + " within " + CONNECT_TIMEOUT.toMillis()
                    + " ms; check the JVM options in the kernelspec (PERFLAB_CHILD_JVM_OPTS) and the kernel log", e);
        }
    }

    private static String joinPath(List<Path> classPath) {
        List<String> parts = new ArrayList<>();
        for (Path p : classPath) {
            parts.add(p.toString());
        }
        return String.join(File.pathSeparator, parts);
    }

    public Socket executionSocket() {
        return execution;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the child has ended, or null while it runs. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** Waits up to {@code timeout} for the child to end; answers its exit code or null. */
    public Integer awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Asks the child to stop the running snippet and waits for its answer. Code that ignores the
     * interrupt is stopped through the debugger (or, without one, by the child's own Thread.stop).
     * A child that does not answer in time is reported as unable to stop, so the caller can replace it.
     */
    public synchronized InterruptOutcome interrupt() {
        int answer = ask(ChildProtocol.REQUEST_INTERRUPT);
        if (answer == ChildProtocol.ANSWER_NEEDS_FORCE) {
            boolean stopped = debugger != null && debugger.stopCell();
            answer = ask(stopped ? ChildProtocol.REQUEST_AWAIT_STOP : ChildProtocol.REQUEST_THREAD_STOP);
        }
        switch (answer) {
            case ChildProtocol.ANSWER_STOPPED: return InterruptOutcome.STOPPED;
            case ChildProtocol.ANSWER_IDLE: return InterruptOutcome.IDLE;
            default: return InterruptOutcome.CANNOT_STOP;
        }
    }

    /** One request on the control connection and its one-byte answer, or -1 if none came in time. */
    private int ask(int request) {
        try {
            controlOut.write(request);
            controlOut.flush();
            control.setSoTimeout((int) INTERRUPT_ANSWER_TIMEOUT.toMillis());
            return controlIn.read();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Ends the child at once; safe to call more than once. */
    @Override
    public void close() {
        if (debugger != null) {
            debugger.close();
        }
        closeQuietly(control);
        closeQuietly(execution);
        // With its connections closed the child halts by itself; a moment's grace lets it finish
        // writing what it must at exit (a class-data archive when one is being recorded).
        awaitExit(exitGrace);
        process.destroyForcibly();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket to a process being killed: nothing to recover.
        }
    }
}
