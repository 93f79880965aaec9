package org.perflab.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The parts of a throwaway server process that {@link LoopbackProcess} (PgBouncer, HAProxy, a fleet's
 * instances), {@link GuardedServer} (embedded PostgreSQL and Redis) and the kernel's child JVM share: the one
 * place that chooses free loopback ports (below the ephemeral range), a version line, a polite then forceful
 * stop, the tail of its output for an error message, and its temporary directory removed afterwards.
 */
public final class ChildProcesses {

    /** How long a stopping process gets before SIGKILL, and a version query before it is abandoned. */
    public static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private ChildProcesses() {
    }

    /**
     * A loopback port nobody listens on right now. Another process may take it before the caller
     * binds it, so a caller retries on "Address already in use".
     */
    public static int freeLoopbackPort() throws IOException {
        return freeLoopbackPorts(1).get(0);
    }

    /**
     * {@code count} different loopback ports nobody listens on right now (each stays bound until all are
     * chosen), taken below the range the operating system hands out as source ports of outgoing connections.
     * A server stopped and restarted on its port (a fleet's instance in a failure drill, while the load
     * generator and the balancer open connection after connection) would otherwise find it taken by one of
     * them: an ephemeral port from {@code new ServerSocket(0)} is exactly such a port.
     */
    public static List<Integer> freeLoopbackPorts(int count) throws IOException {
        return choosePorts(count, () -> listenOnLoopback(1));
    }

    /**
     * {@code count} different loopback ports nobody listens on right now, from the ephemeral range, as a Jupyter
     * client chooses the ports of a kernel's connection file: for a client of our own starting a kernel, so the
     * kernel meets the ports it meets in JupyterLab (and its own sockets, below that range, never collide with them).
     */
    public static List<Integer> freeEphemeralLoopbackPorts(int count) throws IOException {
        return choosePorts(count, () -> new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
    }

    /** A listening socket on a port of some range. */
    private interface PortOpener {
        ServerSocket open() throws IOException;
    }

    private static List<Integer> choosePorts(int count, PortOpener opener) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                // Each stays bound until all are chosen, so no port is handed out twice.
                sockets.add(opener.open());
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /**
     * A server socket listening on a loopback port below the ephemeral range (see
     * {@link #freeLoopbackPorts}). A process handed a list of ports to bind (a Jupyter kernel, given its
     * connection file, whose ports a Jupyter client takes from the ephemeral range) can open such
     * sockets of its own while it binds those, and never take one of them.
     */
    public static ServerSocket listenOnLoopback(int backlog) throws IOException {
        int high = ephemeralPortsStart() - 1;
        if (high - FIRST_CHOSEN_PORT < 1_000) {
            // No room below the ephemeral range (an unusual setting): let the system choose.
            return new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
        }
        int span = high - FIRST_CHOSEN_PORT + 1;
        int candidate = FIRST_CHOSEN_PORT + ThreadLocalRandom.current().nextInt(span);
        for (int tried = 0; tried < span; tried++) {
            try {
                return new ServerSocket(candidate, backlog, InetAddress.getLoopbackAddress());
            } catch (BindException taken) {
                // Someone listens there; try the next one.
            }
            candidate = candidate == high ? FIRST_CHOSEN_PORT : candidate + 1;
        }
        throw new IOException("no free loopback port from " + FIRST_CHOSEN_PORT + " to " + high);
    }

    /** The lowest port chosen for a server: above the well-known and most registered service ports. */
    static final int FIRST_CHOSEN_PORT = 10_000;

    /**
     * The first port of the system's ephemeral range: Linux's {@code ip_local_port_range}, or IANA's 49152
     * where that file does not exist (macOS and Windows use IANA's range by default).
     */
    static int ephemeralPortsStart() {
        try {
            // readAllLines, not readString: on procfs (files of size 0) readString returned only the first byte here.
            String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@link #STOP_WAIT}. Keeps an interrupt. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes {@code directory} and everything under it, deepest first; nothing if it is null or does not exist. */
    public static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the temporary directory " + directory, e);
        }
    }

    /** The last {@code lines} lines of a text file, or a note saying why there are none; never throws. */
    public static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file.getFileName() + ")";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    /**
     * The first line {@code program versionFlag} prints (standard output and error together), e.g.
     * "PgBouncer 1.18.0"; {@code fallback} if it prints nothing.
     */
    public static String versionLine(Path program, String versionFlag, String fallback) throws IOException {
        Process process = new ProcessBuilder(program.toString(), versionFlag).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(program + " " + versionFlag + " failed: " + output.strip());
            }
            return output.lines().findFirst().orElse(fallback).strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + program + " for its version", e);
        } finally {
            process.destroyForcibly();
        }
    }
}
