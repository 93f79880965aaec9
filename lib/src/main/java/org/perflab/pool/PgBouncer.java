package org.perflab.pool;

import org.perflab.check.Require;
import org.perflab.db.Database;
import org.perflab.env.ChildProcesses;
import org.perflab.env.LoopbackProcess;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A throwaway PgBouncer in front of a PostgreSQL {@link Database}: started on a free loopback port
 * with a generated ini in a temporary directory (log and pid file included), stopped and deleted by
 * {@link #close()}. {@link #dataSource()} gives unpooled pgjdbc connections through it.
 *
 * <pre>{@code
 * if (PgBouncer.executable().isPresent()) {
 *     try (PgBouncer bouncer = PgBouncer.builder(database).defaultPoolSize(4).start()) {
 *         ConnectionCosts.timeRequests(bouncer.dataSource(), "SELECT 1", 300);
 *     }
 * }
 * }</pre>
 *
 * <p>Surprises:
 * <ul>
 *   <li>In transaction mode (the default here) consecutive transactions of one client may run on
 *       different server connections, so session state does not carry over: no {@code SET},
 *       no {@code setSchema}, no server-side prepared statements. The data source therefore sets
 *       pgjdbc's {@code prepareThreshold=0} (PgBouncer 1.21+ can track prepared statements, older
 *       ones cannot) and {@code assumeMinServerVersion=9.0}, which puts application_name in the
 *       startup packet instead of a {@code SET} after connecting.</li>
 *   <li>PgBouncer refuses to run as root. Started by root, it is told to switch to
 *       {@link Builder#runAsUser} (default {@code nobody}), which then owns the temporary directory.</li>
 *   <li>Clients are trusted without a password: only the loopback interface listens, and only
 *       while this object is open.</li>
 *   <li>A JVM shutdown hook and a notebook interrupt ({@link org.perflab.env.CancelOnInterrupt}) both stop
 *       the process if {@link #close()} was never called (it is a {@link LoopbackProcess}); a JVM killed
 *       with SIGKILL cannot, and would leave PgBouncer running.</li>
 * </ul>
 */
public final class PgBouncer implements AutoCloseable {

    /** How PgBouncer hands server connections to clients. */
    public enum PoolMode {
        /** A client keeps one server connection until it disconnects: a plain connection limit. */
        SESSION,
        /** A client holds a server connection only for the length of a transaction. */
        TRANSACTION,
        /** Per statement; multi-statement transactions are refused. */
        STATEMENT
    }

    public static final int DEFAULT_POOL_SIZE = 5;
    public static final int DEFAULT_MAX_CLIENT_CONNECTIONS = 200;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(10);
    /** Where distributions install it when it is not on PATH (Debian: /usr/sbin, outside a user's PATH). */
    static final List<Path> USUAL_PLACES = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/local/sbin/pgbouncer"),
            Path.of("/usr/local/bin/pgbouncer"));

    private final PgBouncerConfig config;
    private final LoopbackProcess process;
    private final String version;
    private final String applicationName;
    private final PGSimpleDataSource dataSource;

    private PgBouncer(PgBouncerConfig config, LoopbackProcess process, String version, PGSimpleDataSource dataSource) {
        this.config = config;
        this.process = process;
        this.version = version;
        this.dataSource = dataSource;
        this.applicationName = dataSource.getApplicationName();
    }

    /** The pgbouncer program: on PATH, else in the usual places; empty when it is not installed. */
    public static Optional<Path> executable() {
        return org.perflab.env.Executables.find("pgbouncer", USUAL_PLACES);
    }

    public static Builder builder(Database database) {
        return new Builder(database);
    }

    /** "PgBouncer 1.18.0", as the program prints it. */
    public String version() {
        return version;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return config.listenPort();
    }

    public PoolMode poolMode() {
        return config.poolMode();
    }

    /** Server connections PgBouncer may open to the database (default_pool_size, enforced by max_db_connections). */
    public int defaultPoolSize() {
        return config.defaultPoolSize();
    }

    /** The application_name of connections through this PgBouncer; PgBouncer passes it to its server connections. */
    public String applicationName() {
        return applicationName;
    }

    /** The operating-system process id, to find it in {@code ps}. */
    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The temporary directory with the ini, userlist, log and pid file; deleted by {@link #close()}. */
    public Path directory() {
        return config.directory();
    }

    /**
     * Unpooled connections through PgBouncer, with the database's settings and user, and
     * {@code prepareThreshold=0} so pgjdbc never names a server-side prepared statement.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The last {@code lines} lines of PgBouncer's log, for a failure message or a notebook. */
    public String logTail(int lines) {
        return ChildProcesses.tail(config.logFile(), lines);
    }

    /**
     * Stops PgBouncer (SIGTERM, which closes its server connections; SIGKILL after 5 s) and deletes its
     * directory. Safe to call twice.
     */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return version + " on " + host() + ":" + port() + " (" + poolMode().name().toLowerCase(java.util.Locale.ROOT)
                + " pooling, " + defaultPoolSize() + " server connections, pid " + pid() + ", "
                + (isRunning() ? "running" : "stopped") + ")";
    }

    /** Defaults: transaction pooling, 5 server connections, 200 clients, found executable, 10 s to start. */
    public static final class Builder {
        private final Database database;
        private PoolMode poolMode = PoolMode.TRANSACTION;
        private int defaultPoolSize = DEFAULT_POOL_SIZE;
        private int maxClientConnections = DEFAULT_MAX_CLIENT_CONNECTIONS;
        private Path executable;
        private String runAsUser = "nobody";
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private String applicationName;

        private Builder(Database database) {
            this.database = Require.notNull("database", database, "pass the PostgreSQL Database to put PgBouncer in front of");
            PostgresSources.requirePostgres(database, "PgBouncer");
        }

        public Builder poolMode(PoolMode poolMode) {
            this.poolMode = Require.notNull("poolMode", poolMode, "pick SESSION, TRANSACTION or STATEMENT");
            return this;
        }

        /** Server connections PgBouncer opens at most for the database (default_pool_size and max_db_connections). */
        public Builder defaultPoolSize(int defaultPoolSize) {
            this.defaultPoolSize = Require.between("defaultPoolSize", defaultPoolSize, 1, 1_000,
                    "PgBouncer opens at most this many server connections; a handful is usual");
            return this;
        }

        /** Client connections PgBouncer accepts (max_client_conn); more are refused. */
        public Builder maxClientConnections(int maxClientConnections) {
            this.maxClientConnections = Require.between("maxClientConnections", maxClientConnections, 1, 10_000,
                    "allow as many clients as the experiment opens");
            return this;
        }

        /** The pgbouncer program; default {@link PgBouncer#executable()}. */
        public Builder executable(Path executable) {
            this.executable = Require.notNull("executable", executable, "pass the path of pgbouncer");
            return this;
        }

        /** The user PgBouncer switches to when this JVM runs as root (it refuses to run as root). */
        public Builder runAsUser(String runAsUser) {
            this.runAsUser = Require.notBlank("runAsUser", runAsUser, "name an operating-system user, e.g. nobody");
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Require.positive("startTimeout", startTimeout, "give PgBouncer a few seconds, e.g. 10 s");
            return this;
        }

        /**
         * The application_name of connections through PgBouncer (it passes it on to its server
         * connections). Default: the database's, with "-pgbouncer" appended, so they can be
         * counted apart from direct ones.
         */
        public Builder applicationName(String applicationName) {
            Require.notBlank("applicationName", applicationName, "name the connections, e.g. \"orders-pgbouncer\"");
            Require.that(applicationName.length() <= 63, "applicationName", "'" + applicationName + "'",
                    "at most 63 characters", "shorten it: PostgreSQL truncates longer names");
            this.applicationName = applicationName;
            return this;
        }

        /**
         * Writes the configuration, starts PgBouncer and waits until it listens. On any failure the
         * process is stopped, the directory deleted, and the exception carries PgBouncer's output.
         */
        public PgBouncer start() throws IOException {
            Path program = executable != null ? executable : PgBouncer.executable().orElseThrow(() ->
                    new IllegalStateException("pgbouncer is not installed (looked on PATH and in " + USUAL_PLACES
                            + "); on Debian or Ubuntu: apt-get install pgbouncer"));
            String version = versionOf(program);
            PGSimpleDataSource server = PostgresSources.original(database);
            String[] hosts = server.getServerNames();
            int[] ports = server.getPortNumbers();
            String serverHost = hosts.length == 0 || hosts[0].isEmpty() ? "localhost" : hosts[0];
            int serverPort = ports.length == 0 || ports[0] == 0 ? 5432 : ports[0];
            LoopbackProcess process;
            try {
                process = LoopbackProcess.builder("PgBouncer " + program)
                        .temporaryDirectory("perflab-pgbouncer-")
                        .startTimeout(startTimeout)
                        .launcher((directory, listen) -> {
                            PgBouncerConfig config = config(directory, listen.get(0), server, serverHost, serverPort);
                            writeFiles(config);
                            return launch(program, config);
                        })
                        .readiness((running, directory, listen) -> ChildProcesses.tail(directory.resolve(
                                PgBouncerConfig.CONSOLE), 50).contains("listening on 127.0.0.1:" + listen.get(0))
                                ? null : "no 'listening on 127.0.0.1:" + listen.get(0) + "' in its log yet")
                        .output(directory -> ChildProcesses.tail(directory.resolve(PgBouncerConfig.CONSOLE), 20))
                        .start();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("could not start PgBouncer: " + e.getMessage(), e);
            }
            PgBouncerConfig config = config(process.directory(), process.port(), server, serverHost, serverPort);
            return new PgBouncer(config, process, version, clientDataSource(config));
        }

        private PgBouncerConfig config(Path directory, int listenPort, PGSimpleDataSource server, String serverHost,
                                       int serverPort) {
            return new PgBouncerConfig(directory, listenPort, serverHost, serverPort, server.getDatabaseName(),
                    server.getUser(), server.getPassword(), poolMode, defaultPoolSize, maxClientConnections);
        }

        private PGSimpleDataSource clientDataSource(PgBouncerConfig config) {
            PGSimpleDataSource through = PostgresSources.copyOf(database);
            through.setServerNames(new String[] {"127.0.0.1"});
            through.setPortNumbers(new int[] {config.listenPort()});
            through.setPrepareThreshold(0);
            // Send application_name in the startup packet, where PgBouncer tracks it and sets it on each
            // server connection it lends. Otherwise pgjdbc sends "SET application_name" after connecting,
            // which in transaction mode lands on whichever server connection happens to be linked.
            through.setAssumeMinServerVersion("9.0");
            String name = applicationName != null ? applicationName : through.getApplicationName() + "-pgbouncer";
            through.setApplicationName(name.length() > 63 ? name.substring(0, 63) : name);
            return through;
        }

        private void writeFiles(PgBouncerConfig config) throws IOException {
            var ownerOnly = PosixFilePermissions.fromString("rw-------");
            Files.writeString(config.iniFile(), config.ini(), StandardCharsets.UTF_8);
            Files.writeString(config.userlistFile(), config.userlist(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(config.iniFile(), ownerOnly);
            Files.setPosixFilePermissions(config.userlistFile(), ownerOnly);
            if (runningAsRoot()) {
                UserPrincipal owner = FileSystems.getDefault().getUserPrincipalLookupService()
                        .lookupPrincipalByName(runAsUser);
                for (Path path : List.of(config.directory(), config.iniFile(), config.userlistFile())) {
                    Files.setOwner(path, owner);
                }
            }
        }

        private Process launch(Path program, PgBouncerConfig config) throws IOException {
            List<String> command = new ArrayList<>(List.of(program.toString()));
            if (runningAsRoot()) {
                command.addAll(List.of("-u", runAsUser));
            }
            command.add(config.iniFile().toString());
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(config.consoleFile().toFile()).start();
        }

        private static boolean runningAsRoot() {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The first line of {@code pgbouncer --version}, e.g. "PgBouncer 1.18.0". */
    static String versionOf(Path program) throws IOException {
        return ChildProcesses.versionLine(program, "--version", "PgBouncer (unknown version)");
    }
}
