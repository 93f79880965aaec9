package org.perflab.scaling;

import org.perflab.check.Require;
import org.perflab.env.CancelOnInterrupt;
import org.perflab.env.ChildProcesses;
import org.perflab.env.Executables;
import org.perflab.env.LoopbackProcess;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway HAProxy running a {@link HaProxyConfig}: started as a child process ({@code haproxy -db},
 * in the foreground) on a free loopback port with its configuration and admin socket in a temporary
 * directory; {@link #close()} stops it and deletes the directory.
 *
 * <pre>{@code
 * try (HaProxy balancer = HaProxy.builder(config).start()) {
 *     // send requests to balancer.host():balancer.port() ...
 *     balancer.stats().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Surprises:
 * <ul>
 *   <li>HAProxy answers 503 itself when no server is up, and 504 when a server is slower than the
 *       server timeout: errors a client sees may never have reached a server.</li>
 *   <li>Statistics are HAProxy's counters since it started; compare two snapshots for an interval.</li>
 *   <li>A JVM shutdown hook and a notebook interrupt ({@link CancelOnInterrupt}) both stop the process
 *       if {@link #close()} was never called; a JVM killed with SIGKILL cannot, and would leave it
 *       running.</li>
 * </ul>
 */
public final class HaProxy implements AutoCloseable {

    /** What an operator can set a server to over the admin socket. */
    public enum ServerState {
        /** In rotation (again); health checks decide from here. */
        READY,
        /** Out of rotation for maintenance: no new requests, no checks. */
        MAINT,
        /** No new requests, but sticky clients may still finish on it. */
        DRAIN
    }

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(10);
    /** Where distributions install it when it is not on PATH (Debian: /usr/sbin, outside a user's PATH). */
    static final List<Path> USUAL_PLACES = List.of(Path.of("/usr/sbin/haproxy"), Path.of("/usr/local/sbin/haproxy"),
            Path.of("/usr/local/bin/haproxy"));
    static final String INSTALL_HINT = "on Debian or Ubuntu: apt-get install haproxy";
    private static final String CONFIG_FILE = "haproxy.cfg";
    private static final String CONSOLE_FILE = "console.log";
    private static final String STATS_SOCKET = "admin.sock";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HaProxyConfig config;
    private final LoopbackProcess process;
    private final String version;

    private HaProxy(HaProxyConfig config, LoopbackProcess process, String version) {
        this.config = config;
        this.process = process;
        this.version = version;
    }

    /** The haproxy program: on PATH, else in the usual places; empty when it is not installed. */
    public static Optional<Path> executable() {
        return Executables.find("haproxy", USUAL_PLACES);
    }

    /** A builder for an HAProxy running {@code config}; its listen port and stats socket are set at start. */
    public static Builder builder(HaProxyConfig config) {
        return new Builder(config);
    }

    /**
     * Asks {@code haproxy -c} whether it accepts {@code config} (with some free port if it has none
     * yet); answers its output when it does, and throws with that output when it does not. Starts no
     * balancer.
     */
    public static String check(HaProxyConfig config) throws IOException {
        Path program = requireExecutable();
        HaProxyConfig checked = config.listenPort() != 0 ? config
                : config.toBuilder().listenPort(ChildProcesses.freeLoopbackPort()).build();
        Path directory = Files.createTempDirectory("perflab-haproxy-check-");
        try {
            Path file = directory.resolve(CONFIG_FILE);
            Files.writeString(file, checked.render(), StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(program.toString(), "-c", "-f", file.toString())
                    .redirectErrorStream(true).start();
            try {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!process.waitFor(ChildProcesses.STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("haproxy -c did not finish within "
                            + ChildProcesses.STOP_WAIT.toMillis() + " ms");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalArgumentException("HAProxy rejects this configuration:\n" + output
                            + "\n--- configuration ---\n" + checked.render());
                }
                return output;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while haproxy -c checked the configuration", e);
            } finally {
                process.destroyForcibly();
            }
        } finally {
            ChildProcesses.deleteRecursively(directory);
        }
    }

    /** "HAProxy version 2.6.12-1+deb12u4 2026/10/17", as {@code haproxy -v} prints it. */
    public String version() {
        return version;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return config.listenPort();
    }

    /** The configuration it runs, with the chosen port and stats socket. */
    public HaProxyConfig config() {
        return config;
    }

    /** The operating-system process id, to find it in {@code ps}. */
    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The temporary directory with the configuration, its output and the admin socket; deleted by {@link #close()}. */
    public Path directory() {
        return process.directory();
    }

    /** The last {@code lines} lines HAProxy printed (warnings, servers going up and down). */
    public String outputTail(int lines) {
        return ChildProcesses.tail(process.directory().resolve(CONSOLE_FILE), lines);
    }

    /** Each upstream as HAProxy sees it now, in configuration order. */
    public List<UpstreamStats> stats() {
        return UpstreamStats.parse(command("show stat"), HaProxyConfig.BACKEND, false);
    }

    /**
     * The backend as a whole, named {@code BACKEND}. Its {@code queued} are the requests waiting for
     * any server with a free slot ({@link HaProxyConfig.Builder#maxConnectionsPerServer}); a server's
     * own queue holds only requests bound to it, by a sticky cookie say.
     */
    public UpstreamStats backendStats() {
        List<UpstreamStats> rows = UpstreamStats.parse(command("show stat"), HaProxyConfig.BACKEND, true);
        return rows.stream().filter(row -> row.name().equals(UpstreamStats.BACKEND_ROW)).findFirst()
                .orElseThrow(() -> new IllegalStateException("show stat has no BACKEND row for "
                        + HaProxyConfig.BACKEND));
    }

    /** One upstream as HAProxy sees it now. */
    public UpstreamStats stats(String upstream) {
        return stats().stream().filter(s -> s.name().equals(upstream)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no upstream named '" + upstream + "'; there are "
                        + config.upstreams().stream().map(Upstream::name).toList()));
    }

    /** Takes an upstream out of rotation, or puts it back, as an operator would during a deploy. */
    public void setServerState(String upstream, ServerState state) {
        stats(upstream);
        String answer = command("set server " + HaProxyConfig.BACKEND + "/" + upstream + " state "
                + state.name().toLowerCase(Locale.ROOT)).strip();
        if (!answer.isEmpty()) {
            throw new IllegalStateException("HAProxy refused to set " + upstream + " to " + state + ": " + answer);
        }
    }

    /**
     * Sends one command to the admin socket and answers HAProxy's reply. Without {@code prompt} mode
     * HAProxy closes the connection after answering, so the reply is everything until end of stream.
     */
    public String command(String command) {
        if (process.isClosed() || !process.isAlive()) {
            throw new IllegalStateException("HAProxy is not running" + (process.isClosed() ? " (closed)"
                    : "; its output:\n" + outputTail(20)));
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(config.statsSocket()));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            while (channel.read(buffer) >= 0) {
                reply.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return reply.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not talk to HAProxy's admin socket " + config.statsSocket(), e);
        }
    }

    /** Stops HAProxy (SIGTERM; SIGKILL after 5 s) and deletes its directory. Safe to call twice. */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return version + " on " + host() + ":" + port() + ": " + config + " (pid " + pid() + ", "
                + (isRunning() ? "running" : "stopped") + ")";
    }

    private static Path requireExecutable() {
        return executable().orElseThrow(() -> new IllegalStateException("haproxy is not installed (looked on PATH"
                + " and in " + USUAL_PLACES + "); " + INSTALL_HINT));
    }

    /** Defaults: the found executable, 10 s to start. */
    public static final class Builder {
        private final HaProxyConfig config;
        private Path executable;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder(HaProxyConfig config) {
            this.config = Require.notNull("config", config, "build one with HaProxyConfig.builder(upstreams)");
        }

        /** The haproxy program; default {@link HaProxy#executable()}. */
        public Builder executable(Path executable) {
            this.executable = Require.notNull("executable", executable, "pass the path of haproxy");
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Require.positive("startTimeout", startTimeout, "give HAProxy a few seconds, e.g. 10 s");
            return this;
        }

        /**
         * Writes the configuration, starts HAProxy and waits until it accepts connections and its
         * admin socket exists. On any failure the process is stopped, the directory deleted, and the
         * exception carries HAProxy's output.
         */
        public HaProxy start() throws IOException {
            Path program = executable != null ? executable : requireExecutable();
            String version = ChildProcesses.versionLine(program, "-v", "HAProxy (unknown version)")
                    .replaceFirst(" - https?://.*$", "");
            LoopbackProcess process;
            try {
                process = LoopbackProcess.builder("HAProxy " + program)
                        .temporaryDirectory("perflab-haproxy-")
                        .startTimeout(startTimeout)
                        .launcher((directory, ports) -> launch(program, running(directory, ports.get(0)), directory))
                        .readiness((launched, directory, ports) -> Files.exists(directory.resolve(STATS_SOCKET))
                                && accepts(ports.get(0)) ? null : "no admin socket or no listener yet")
                        .output(directory -> ChildProcesses.tail(directory.resolve(CONSOLE_FILE), 20))
                        .start();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("could not start HAProxy: " + e.getMessage(), e);
            }
            return new HaProxy(running(process.directory(), process.port()), process, version);
        }

        /** The configuration with the port and admin socket of this launch. */
        private HaProxyConfig running(Path directory, int port) {
            return config.toBuilder().listenPort(port).statsSocket(directory.resolve(STATS_SOCKET)).build();
        }

        private static Process launch(Path program, HaProxyConfig running, Path directory) throws IOException {
            Path file = directory.resolve(CONFIG_FILE);
            Files.writeString(file, running.render(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return new ProcessBuilder(program.toString(), "-db", "-f", file.toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve(CONSOLE_FILE).toFile()).start();
        }

        private static boolean accepts(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                        (int) CONNECT_TIMEOUT.toMillis());
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
