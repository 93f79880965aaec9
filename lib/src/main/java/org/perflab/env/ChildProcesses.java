package org.perflab.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What every throwaway server process an experiment starts (PgBouncer, HAProxy) needs: a free
 * loopback port, a version line, a polite then forceful stop, the tail of its output for an error
 * message, and its temporary directory removed afterwards.
 */
public final class ChildProcesses {

    /** How long a stopping process gets before SIGKILL, and a version query before it is abandoned. */
    public static final long STOP_WAIT_SECONDS = 5;

    private ChildProcesses() {
    }

    /**
     * A loopback port nobody listens on right now. Another process may take it before the caller
     * binds it, so a caller retries on "Address already in use".
     */
    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@link #STOP_WAIT_SECONDS}. Keeps an interrupt. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
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
            if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
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
