package org.perflab.scaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.perflab.db.Database;
import org.perflab.db.DatabaseChooser;
import org.perflab.pool.ExperimentPool;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p>It never outlives the process that started it: a watchdog polls that process every
 * {@value #PARENT_POLL_MS} ms and exits when it is gone, so even a notebook JVM killed with SIGKILL
 * leaves no instance behind. SIGTERM stops it gracefully (the server stops accepting, the pool
 * closes). When it listens it prints {@code ready <port>} on standard output.
 */
public final class ServiceInstance implements AutoCloseable {

    public static final String INSTANCE_HEADER = "X-Instance";
    public static final String SESSION_HEADER = "X-Session-Id";
    public static final String SESSION_COOKIE = "PERFLAB_SESSION";
    public static final String READY_PREFIX = "ready ";
    public static final long MAX_CPU_US = 10_000_000;
    public static final long MAX_DB_MS = 60_000;
    static final long PARENT_POLL_MS = 500;
    /** How long a stop may take before the watchdog halts the JVM regardless. */
    static final long STOP_GRACE_MS = 5_000;
    private static final int BACKLOG = 1_024;
    private static final Set<String> WORK_PARAMETERS = Set.of("cpu_us", "db_ms", "sleep_ms");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InstanceOptions options;
    private final Database database;
    private final ExperimentPool pool;
    private final SessionStore sessions;
    private final ThreadPoolExecutor workers;
    private final HttpServer server;
    private final HttpServer admin;
    private final ExecutorService adminThread;
    private final long startNanos = System.nanoTime();
    private final SecureRandom sessionIds = new SecureRandom();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final BusyTime busy = new BusyTime();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ServiceInstance(InstanceOptions options, Database database, ExperimentPool pool, SessionStore sessions)
            throws IOException {
        this.options = options;
        this.database = database;
        this.pool = pool;
        this.sessions = sessions;
        this.workers = new ThreadPoolExecutor(options.workers(), options.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), daemonThreads(options.name() + "-worker-"));
        this.adminThread = options.adminPort() < 0 ? null
                : Executors.newSingleThreadExecutor(daemonThreads(options.name() + "-admin-"));
        HttpServer main = null;
        HttpServer watching = null;
        try {
            main = listen(options.port(), BACKLOG, workers);
            main.createContext("/work", served(this::work));
            main.createContext("/session", served(this::session));
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
        listener.createContext("/health", unserved(this::health));
        listener.createContext("/stats", unserved(this::stats));
        listener.createContext("/", unserved(exchange -> new Reply(404, "no such endpoint: "
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
            options = InstanceOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ServiceInstance: " + e.getMessage());
            System.err.println(InstanceOptions.USAGE);
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
        watchParent(options.name(), parent.get());
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
                    throw new IllegalArgumentException("db_ms runs SELECT pg_sleep, so the database must be"
                            + " PostgreSQL, got " + database.describe());
                }
                pool = ExperimentPool.builder(database).name("perflab-scaling-" + options.name())
                        .maximumPoolSize(options.effectivePoolSize()).connectionTimeout(Duration.ofMillis(options.poolTimeoutMs()))
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
                requests.get(), errors.get(), busy.running(), workers.getQueue().size(), busy.busyNanos(now),
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
        server.stop(busy.running() > 0 ? 1 : 0);
        workers.shutdownNow();
        if (admin != null) {
            admin.stop(0);
            adminThread.shutdownNow();
        }
        closeAll(sessions, pool, database);
    }

    private Reply work(HttpExchange exchange) throws Exception {
        Map<String, String> query = query(exchange);
        for (String parameter : query.keySet()) {
            if (!WORK_PARAMETERS.contains(parameter)) {
                throw new IllegalArgumentException("unknown parameter " + parameter + "; /work takes cpu_us"
                        + " (microseconds of CPU), db_ms (milliseconds of pg_sleep) and sleep_ms (milliseconds"
                        + " of waiting in the handler)");
            }
        }
        long cpuUs = number(query, "cpu_us", MAX_CPU_US);
        long dbMs = number(query, "db_ms", MAX_DB_MS);
        // A wait without a database, for fleets started without one: the same shape of work, labelled as such.
        long sleepMs = number(query, "sleep_ms", MAX_DB_MS);
        if (dbMs > 0 && pool == null) {
            throw new IllegalArgumentException(name() + " has no database, so db_ms cannot be served; start the"
                    + " fleet with ServiceFleet.Builder.database(...)");
        }
        long result = cpuUs > 0 ? CpuBurner.burn(cpuUs, ThreadLocalRandom.current().nextLong()) : 0;
        if (dbMs > 0) {
            sleepInDatabase(dbMs);
        }
        if (sleepMs > 0) {
            Thread.sleep(sleepMs);
        }
        return new Reply(200, "instance=" + name() + " cpu_us=" + cpuUs + " db_ms=" + dbMs + " sleep_ms=" + sleepMs + " result="
                + Long.toHexString(result));
    }

    private void sleepInDatabase(long millis) throws Exception {
        try (Connection connection = pool.dataSource().getConnection();
             PreparedStatement sleep = connection.prepareStatement("SELECT pg_sleep(?)")) {
            sleep.setDouble(1, millis / 1_000.0);
            sleep.execute();
        }
    }

    private Reply session(HttpExchange exchange) throws Exception {
        String action = exchange.getRequestURI().getPath().substring("/session".length());
        if (action.equals("/login")) {
            String user = query(exchange).get("user");
            if (user == null || !user.matches("[A-Za-z0-9._@-]{1,64}")) {
                throw new IllegalArgumentException("/session/login needs user=<name> (1 to 64 letters, digits,"
                        + " '.', '_', '@', '-'), got '" + user + "'");
            }
            String id = HexFormat.of().formatHex(sessionIds.generateSeed(16));
            sessions.create(id, user);
            exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=" + id + "; Path=/; HttpOnly");
            exchange.getResponseHeaders().set(SESSION_HEADER, id);
            return sessionReply(id, new SessionStore.Session(user, 0));
        }
        String id = sessionId(exchange);
        if (id == null) {
            return new Reply(401, "no session: log in with /session/login?user=<name>, then send its "
                    + SESSION_COOKIE + " cookie or " + SESSION_HEADER + " header");
        }
        Optional<SessionStore.Session> session = switch (action) {
            case "", "/" -> sessions.get(id);
            case "/hit" -> sessions.increment(id);
            case "/logout" -> sessions.delete(id) ? Optional.of(new SessionStore.Session("(logged out)", 0))
                    : Optional.empty();
            default -> throw new IllegalArgumentException("no such session action: " + action
                    + "; use /session/login, /session/hit, /session or /session/logout");
        };
        return session.map(found -> sessionReply(id, found)).orElseGet(() -> new Reply(401, "unknown session " + id
                + " on " + name() + " (sessions in " + sessions.describe() + "): it was created elsewhere or"
                + " lost; keep sessions in Redis (SessionMode.REDIS) or use a sticky balancer"));
    }

    private Reply sessionReply(String id, SessionStore.Session session) {
        return new Reply(200, "session=" + id + " user=" + session.user() + " count=" + session.count()
                + " instance=" + name());
    }

    /** The session id from the header, else the cookie; null when neither is sent. */
    private static String sessionId(HttpExchange exchange) {
        String id = exchange.getRequestHeaders().getFirst(SESSION_HEADER);
        if (id == null) {
            for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
                for (String cookie : header.split(";")) {
                    String[] pair = cookie.trim().split("=", 2);
                    if (pair.length == 2 && pair[0].equals(SESSION_COOKIE)) {
                        id = pair[1];
                    }
                }
            }
        }
        if (id != null && !id.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("malformed session id '" + id + "': expected the 32 hex digits"
                    + " /session/login returned");
        }
        return id;
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

    /** A handler whose requests count in the stats: the traffic under study. */
    private HttpHandler served(Endpoint endpoint) {
        return exchange -> {
            long start = busy.started(System.nanoTime());
            int status = 500;
            try {
                status = respond(exchange, endpoint);
            } finally {
                busy.finished(start, System.nanoTime());
                requests.incrementAndGet();
                if (status >= 500) {
                    errors.incrementAndGet();
                }
            }
        };
    }

    /** A handler for watching the instance, left out of its stats. */
    private HttpHandler unserved(Endpoint endpoint) {
        return exchange -> respond(exchange, endpoint);
    }

    private int respond(HttpExchange exchange, Endpoint endpoint) {
        Reply reply;
        try {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            exchange.getResponseHeaders().set(INSTANCE_HEADER, name());
            String method = exchange.getRequestMethod();
            reply = method.equals("GET") || method.equals("POST") ? endpoint.handle(exchange)
                    : new Reply(405, method + " is not supported; use GET or POST");
        } catch (IllegalArgumentException e) {
            reply = new Reply(400, e.getMessage());
        } catch (SQLTransientConnectionException e) {
            reply = new Reply(503, name() + ": no database connection free within " + options.poolTimeoutMs()
                    + " ms: " + e.getMessage());
        } catch (Exception e) {
            reply = new Reply(500, name() + " failed: " + e);
        }
        try {
            byte[] body = (reply.body() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType() + "; charset=utf-8");
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // The client went away; the status it did not receive still counts.
        } finally {
            exchange.close();
        }
        return reply.status();
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (!pair.isEmpty()) {
                String[] parts = pair.split("=", 2);
                parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    private static long number(Map<String, String> query, String name, long max) {
        String value = query.get(name);
        if (value == null) {
            return 0;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 0 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below with the limits.
        }
        throw new IllegalArgumentException(name + " must be a whole number between 0 and " + max + ", got '"
                + value + "'");
    }

    /** Exits this JVM once {@code parent} has ended, halting it if stopping takes longer than {@link #STOP_GRACE_MS}. */
    private static void watchParent(String name, ProcessHandle parent) {
        Thread watch = new Thread(() -> {
            try {
                while (parent.isAlive()) {
                    TimeUnit.MILLISECONDS.sleep(PARENT_POLL_MS);
                }
            } catch (InterruptedException e) {
                return;
            }
            System.err.println(name + ": parent process " + parent.pid() + " is gone; stopping");
            Thread halt = new Thread(() -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(STOP_GRACE_MS);
                } catch (InterruptedException ignored) {
                    // Halt now then.
                }
                Runtime.getRuntime().halt(3);
            }, name + "-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(3);
        }, name + "-parent-watch");
        watch.setDaemon(true);
        watch.start();
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

    @FunctionalInterface
    private interface Endpoint {
        Reply handle(HttpExchange exchange) throws Exception;
    }

    private record Reply(int status, String body, String contentType) {
        Reply(int status, String body) {
            this(status, body, "text/plain");
        }
    }

    @Override
    public String toString() {
        return "ServiceInstance[" + describe() + (closed.get() ? ", closed" : "") + "]";
    }
}
