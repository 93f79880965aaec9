package org.perflab.scaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.perflab.check.Require;
import org.perflab.db.Database;
import org.perflab.db.DatabaseChooser;
import org.perflab.pool.ExperimentPool;
import org.perflab.scaling.InstanceEndpoints.Reply;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP service, run as its own JVM by {@link ServiceFleet} (or by hand with
 * {@code java -cp <class path> org.perflab.scaling.ServiceInstance --name a --port 8081 --workers 4}),
 * so that scaling experiments put a real network hop, real processes and a real shared database
 * between a load balancer and the work. It serves with a fixed number of worker threads: requests
 * beyond them wait in the executor's queue, which {@code /stats} reports as saturation.
 *
 * <ul>
 *   <li>{@code GET /work?cpu_us=<n>&db_ms=<n>}: {@code n} µs of this worker's CPU time (see
 *       {@link CpuBurner} for why CPU time and not wall time), then {@code SELECT pg_sleep} for
 *       {@code db_ms} on the shared PostgreSQL through this instance's own HikariCP pool; {@code sleep_ms}
 *       waits in the handler instead, for a fleet without a database.</li>
 *   <li>{@code GET /health}: 200 with the name when it can serve (the pool and Redis answer), 503
 *       with the reason otherwise, and 503 while stopping, so a balancer drains it.</li>
 *   <li>{@code /session/login?user=<u>}, {@code /session/hit}, {@code /session},
 *       {@code /session/logout} (GET or POST): a counter per session, kept in this instance's memory
 *       or in Redis ({@link SessionMode}). The id comes back in the {@value #SESSION_COOKIE} cookie and
 *       the {@value #SESSION_HEADER} header; send either one back. An unknown id answers 401.</li>
 *   <li>{@code GET /stats}: {@link InstanceStats} as JSON.</li>
 * </ul>
 * {@code /health} and {@code /stats} are also served on an optional admin port by a thread of their
 * own, so an instance whose workers are all busy can still be watched.
 *
 * Every response carries {@value #INSTANCE_HEADER}: the instance's name.
 *
 * <p>It never outlives the process that started it: a {@link ParentWatchdog} polls that process and
 * exits when it is gone, so even a notebook JVM killed with SIGKILL
 * leaves no instance behind. SIGTERM stops it gracefully (the server stops accepting, the pool
 * closes). When it listens it prints {@code ready <port>} on standard output.
 *
 * <p>The routes live in {@link WorkRoute} and {@link SessionRoutes}, the response plumbing and traffic
 * counters in {@link InstanceEndpoints}, the command line in {@link InstanceCommandLine}.
 */
public final class ServiceInstance implements AutoCloseable {

    public static final String INSTANCE_HEADER = "X-Instance";
    public static final String SESSION_HEADER = "X-Session-Id";
    public static final String SESSION_COOKIE = "PERFLAB_SESSION";
    public static final String READY_PREFIX = "ready ";
    public static final long MAX_CPU_US = 10_000_000;
    public static final long MAX_DB_MS = 60_000;
    private static final int BACKLOG = 1_024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InstanceOptions options;
    private final Database database;
    private final ExperimentPool pool;
    private final SessionStore sessions;
    private final ThreadPoolExecutor workers;
    private final HttpServer server;
    private final HttpServer admin;
    private final ExecutorService adminThread;
    private final InstanceEndpoints endpoints;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ServiceInstance(InstanceOptions options, Database database, ExperimentPool pool, SessionStore sessions)
            throws IOException {
        this.options = options;
        this.database = database;
        this.pool = pool;
        this.sessions = sessions;
        this.endpoints = new InstanceEndpoints(options.name(), options.poolTimeout());
        this.workers = new ThreadPoolExecutor(options.workers(), options.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), daemonThreads(options.name() + "-worker-"));
        this.adminThread = options.adminPort() < 0 ? null
                : Executors.newSingleThreadExecutor(daemonThreads(options.name() + "-admin-"));
        HttpServer main = null;
        HttpServer watching = null;
        try {
            main = listen(options.port(), BACKLOG, workers);
            main.createContext("/work", endpoints.served(new WorkRoute(options.name(), pool)));
            main.createContext("/session", endpoints.served(new SessionRoutes(options.name(), sessions)));
            watching = options.adminPort() < 0 ? null : listen(options.adminPort(), 16, adminThread);
        } catch (IOException | RuntimeException e) {
            // A port taken: release the one already bound and the threads.
            if (main != null) {
                main.stop(0);
            }
            workers.shutdownNow();
            if (adminThread != null) {
                adminThread.shutdownNow();
            }
            throw e;
        }
        this.server = main;
        this.admin = watching;
        server.start();
        if (admin != null) {
            admin.start();
        }
    }

    /** A server on {@code port} of the instance's host, with the watching endpoints that every listener has. */
    private HttpServer listen(int port, int backlog, ExecutorService executor) throws IOException {
        HttpServer listener = HttpServer.create(new InetSocketAddress(InetAddress.getByName(options.host()), port),
                backlog);
        listener.setExecutor(executor);
        listener.createContext("/health", endpoints.unserved(this::health));
        listener.createContext("/stats", endpoints.unserved(this::stats));
        listener.createContext("/", endpoints.unserved(exchange -> new Reply(404, "no such endpoint: "
                + exchange.getRequestURI().getPath() + "; try /work, /session, /health or /stats")));
        return listener;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    static {
        // Without TCP_NODELAY a kept-alive response waits for the client's delayed ACK (Nagle's algorithm):
        // about 40 ms on Linux, which would swamp every request this service serves. The JDK's server reads the
        // property once, when its configuration class loads, so it must be set before the first server is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public static void main(String[] args) {
        InstanceOptions options;
        try {
            options = InstanceCommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ServiceInstance: " + e.getMessage());
            System.err.println(InstanceCommandLine.USAGE);
            System.exit(2);
            return;
        }
        Optional<ProcessHandle> parent = options.parentPid() == 0 ? ProcessHandle.current().parent()
                : ProcessHandle.of(options.parentPid());
        if (parent.isEmpty() || !parent.get().isAlive()) {
            System.err.println(options.name() + ": parent process " + options.parentPid() + " is already gone");
            System.exit(3);
            return;
        }
        ParentWatchdog.watch(options.name(), parent.get());
        ServiceInstance instance;
        try {
            instance = start(options, System.getenv());
        } catch (Exception e) {
            // The message last, where the tail of the output that ServiceFleet shows will have it.
            e.printStackTrace();
            System.err.println(options.name() + " could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(instance::close, options.name() + "-stop"));
        System.out.println(instance.describe());
        System.out.println(READY_PREFIX + instance.port());
        System.out.flush();
    }

    /**
     * Opens the pool and the session store the options ask for, then listens. On failure everything
     * opened so far is closed again and the exception says what failed.
     */
    static ServiceInstance start(InstanceOptions options, Map<String, String> env) throws IOException,
            InterruptedException {
        Database database = null;
        ExperimentPool pool = null;
        SessionStore sessions = null;
        boolean started = false;
        try {
            if (options.database()) {
                database = DatabaseChooser.builder().settings(Optional.of(options.jdbcSettings(env)))
                        .applicationName("perflab-scaling-" + options.name()).build().choose();
                if (!database.isPostgres()) {
                    throw Require.invalid("database", database.describe(), "PostgreSQL",
                            "db_ms runs SELECT pg_sleep; point the fleet at a PostgreSQL");
                }
                pool = ExperimentPool.builder(database).name("perflab-scaling-" + options.name())
                        .maximumPoolSize(options.effectivePoolSize()).connectionTimeout(options.poolTimeout())
                        .build();
                // Open every connection before saying ready, so no measured request pays for a connect.
                pool.awaitFilled(Duration.ofSeconds(15));
            }
            sessions = options.sessions() == SessionMode.REDIS
                    ? RedisSessionStore.open(options.redisSettings(env), options.redisPrefix(), options.workers())
                    : new MemorySessionStore(options.name());
            ServiceInstance instance = new ServiceInstance(options, database, pool, sessions);
            started = true;
            return instance;
        } finally {
            if (!started) {
                closeAll(sessions, pool, database);
            }
        }
    }

    public String name() {
        return options.name();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The port that serves only /health and /stats, on a thread of its own; -1 when there is none. */
    public int adminPort() {
        return admin == null ? -1 : admin.getAddress().getPort();
    }

    public int workers() {
        return options.workers();
    }

    /** The counters now. */
    public InstanceStats stats() {
        long now = System.nanoTime();
        return new InstanceStats(options.name(), ProcessHandle.current().pid(), options.workers(), now - startNanos,
                endpoints.requests(), endpoints.errors(), endpoints.busy().running(), workers.getQueue().size(),
                endpoints.busy().busyNanos(now),
                CpuBurner.clock());
    }

    /** "instance-1 on 127.0.0.1:41234: 4 workers, pool of 4 on PostgreSQL ..., sessions in memory of instance-1". */
    public String describe() {
        return options.name() + " on " + options.host() + ":" + port()
                + (admin == null ? "" : " (health and stats also on " + adminPort() + ")") + ": "
                + options.workers() + " workers, "
                + (pool == null ? "no database" : "pool of " + pool.maximumPoolSize() + " on " + database.describe())
                + ", sessions in " + sessions.describe() + ", cpu_us counts " + CpuBurner.clock() + " time";
    }

    /** Stops listening (waiting up to a second for running requests), then closes the pool and the session store. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // JDK 17's stop(delay) sleeps the whole delay even when nothing runs; wait only if something does.
        server.stop(endpoints.busy().running() > 0 ? 1 : 0);
        workers.shutdownNow();
        if (admin != null) {
            admin.stop(0);
            adminThread.shutdownNow();
        }
        closeAll(sessions, pool, database);
    }

    private Reply health(HttpExchange exchange) {
        if (closed.get()) {
            return new Reply(503, name() + " is stopping");
        }
        String problem = sessions.problem();
        if (problem == null && pool != null) {
            try (Connection connection = pool.dataSource().getConnection()) {
                problem = connection.isValid(2) ? null : "the database did not answer a validity check within 2 s";
            } catch (Exception e) {
                problem = "the database is unreachable: " + e.getMessage();
            }
        }
        return problem == null ? new Reply(200, name()) : new Reply(503, name() + ": " + problem);
    }

    private Reply stats(HttpExchange exchange) throws IOException {
        return new Reply(200, JSON.writeValueAsString(stats()), "application/json");
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("could not close " + resource + ": " + e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ServiceInstance[" + describe() + (closed.get() ? ", closed" : "") + "]";
    }
}
