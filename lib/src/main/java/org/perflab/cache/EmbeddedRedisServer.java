package org.perflab.cache;

import org.perflab.env.CacheDirectory;
import org.perflab.env.ChildProcesses;
import org.perflab.env.GuardedServer;
import org.perflab.env.LoopbackProcess;
import org.perflab.env.Platform;
import org.perflab.env.ServerAccount;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A real redis-server for one experiment, from the binaries the embedded-redis jar
 * ({@code com.github.codemonstur:embedded-redis}) ships; only its binaries are used, not its launcher,
 * which writes a configuration file to the temp folder for every start and leaves it there.
 *
 * <p>The binary for this platform is copied to the {@link CacheDirectory} once. Each start runs it on
 * a free loopback port with persistence off (a snapshot fork in the middle of a measurement would
 * show in its tail), under a {@link GuardedServer}: it stops when the experiment closes it or this JVM
 * dies. It runs as {@link ServerAccount} says, like the embedded PostgreSQL.
 */
final class EmbeddedRedisServer implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(20);
    /** How long one PING may take to connect and to answer. */
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(1);

    private final GuardedServer server;
    private final int port;
    private final List<String> notes;

    private EmbeddedRedisServer(GuardedServer server, int port, List<String> notes) {
        this.server = server;
        this.port = port;
        this.notes = notes;
    }

    /** The jar entry of this platform's redis-server, e.g. {@code redis-server-6.2.6-v5-linux-amd64}. */
    static Optional<String> binaryName() throws IOException {
        URL marker = EmbeddedRedisServer.class.getClassLoader().getResource("redis/embedded/RedisServer.class");
        if (marker == null || !(marker.openConnection() instanceof JarURLConnection connection)) {
            return Optional.empty();
        }
        connection.setUseCaches(false);
        String suffix = Platform.redisServerSuffix();
        try (JarFile jar = connection.getJarFile()) {
            return Collections.list(jar.entries()).stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith("redis-server-") && name.endsWith(suffix)).findFirst();
        }
    }

    static EmbeddedRedisServer start() throws Exception {
        String binaryName = binaryName().orElseThrow(() -> new IllegalStateException("the embedded-redis jar has no"
                + " redis-server for " + Platform.system() + (Platform.isArm64() ? " arm64" : " amd64")));
        long startNanos = System.nanoTime();
        ServerAccount account = ServerAccount.forServers();
        CacheDirectory.Entry cached = CacheDirectory.get("redis/" + binaryName, directory -> {
            try (InputStream binary = EmbeddedRedisServer.class.getClassLoader().getResourceAsStream(binaryName)) {
                Files.copy(binary, directory.resolve("redis-server"));
            }
            Files.setPosixFilePermissions(directory.resolve("redis-server"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        });
        Path executable = cached.path().resolve("redis-server");
        String version = ChildProcesses.versionLine(executable, "--version", "Redis server")
                .replaceFirst("^Redis server v=(\\S+).*", "$1");
        GuardedServer.Started started = GuardedServer.startOnFreePort("embedded redis-server", "redis", "TERM",
                "Address already in use", new GuardedServer.Launch() {
                    @Override
                    public List<String> command(Path run, int port) {
                        return account.command(List.of(executable.toString(), "--port", Integer.toString(port),
                                "--bind", LOOPBACK, "--save", "", "--appendonly", "no",
                                "--dir", run.resolve("work").toString()));
                    }

                    @Override
                    public void fill(Path run) throws IOException {
                        account.own(Files.createDirectory(run.resolve("work")));
                    }

                    @Override
                    public void awaitReady(GuardedServer server, int port) throws Exception {
                        EmbeddedRedisServer.awaitReady(server, port);
                    }
                });
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        List<String> notes = new ArrayList<>();
        notes.add("embedded redis-server " + version + " started in " + String.format(Locale.ROOT, "%.2f s",
                millis / 1000.0) + (cached.made() ? " (first start: binary unpacked, then cached)" : ""));
        notes.add("runs " + account.describe() + ", persistence off, directory " + started.server().runDirectory()
                + ", deleted when Redis is closed or this JVM ends");
        return new EmbeddedRedisServer(started.server(), started.port(), notes);
    }

    String url() {
        return "redis://" + LOOPBACK + ":" + port;
    }

    String location() {
        return LOOPBACK + ":" + port;
    }

    List<String> notes() {
        return notes;
    }

    @Override
    public void close() {
        server.close();
    }

    /** One inline PING over a plain socket; no client, so no client's negotiation or logging. */
    private static boolean answersPing(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), (int) PING_TIMEOUT.toMillis());
            socket.setSoTimeout((int) PING_TIMEOUT.toMillis());
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[7];
            int read = socket.getInputStream().readNBytes(reply, 0, reply.length);
            return new String(reply, 0, read, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;                       // not listening yet
        }
    }

    private static void awaitReady(GuardedServer server, int port) throws IOException, InterruptedException {
        String problem = LoopbackProcess.awaitReady(READY_TIMEOUT, POLL, server::isAlive, () -> false,
                () -> answersPing(port) ? null : "no +PONG");
        if (problem == null) {
            return;
        }
        if (problem.startsWith("exited")) {
            throw new IOException("embedded redis-server exited while starting: " + server.logTail(20));
        }
        throw new IOException("embedded redis-server did not answer PING on port " + port + " within "
                + READY_TIMEOUT.toMillis() + " ms: " + server.logTail(20));
    }
}
