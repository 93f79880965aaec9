package org.perflab.scaling;

import org.perflab.cache.Redis;
import org.perflab.cache.RedisChooser;
import org.perflab.cache.RedisKeySpace;
import org.perflab.cache.RedisSettings;
import org.perflab.db.JdbcSettings;
import org.perflab.env.CancelOnInterrupt;
import org.perflab.env.ChildProcesses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * K {@link ServiceInstance}s, each its own JVM on a free loopback port, for a load balancer to
 * spread requests over ({@link #upstreams()}), or instances on other hosts that someone else runs
 * ({@link #external}), so the same experiment works against both.
 *
 * <pre>{@code
 * try (ServiceFleet fleet = ServiceFleet.builder().instances(3).workers(4)
 *         .database(JdbcSettings.fromEnvironment().orElseThrow()).start()) {
 *     List<Upstream> upstreams = fleet.upstreams();   // hand them to the balancer
 *     InstanceStats before = fleet.stats(0);
 *     // ... load through the balancer ...
 *     double utilization = fleet.stats(0).utilizationSince(before);
 *     fleet.stop(1);      // a crash: SIGKILL, no goodbye
 *     fleet.restart(1);   // back on the same port
 * }
 * }</pre>
 *
 * <p>The instances run the java of this JVM ({@code java.home}) on this JVM's class path
 * ({@code java.class.path}). In a PerfLab notebook that is the cell JVM, which the kernel starts with
 * the library and all its dependencies listed on {@code -cp}; under Maven it is the test class path.
 * Each instance's output goes to a log file whose tail is shown when it fails to start; the logs of a
 * fleet whose JVM was killed before it could delete them are deleted by the next fleet that starts.
 *
 * <p>No instance outlives the fleet: {@link #close()} stops them (SIGTERM, then SIGKILL after 5 s),
 * so does a notebook interrupt ({@link CancelOnInterrupt}) and JVM exit (a shutdown hook), and each
 * instance exits by itself within about half a second when this JVM disappears, even by SIGKILL.
 *
 * <p>Surprises: every instance opens its own pool of {@code poolSize} connections, so K instances
 * hold K × poolSize PostgreSQL connections (mind {@code max_connections}, 100 by default); and on a
 * machine with few cores the instances, the balancer and the load generator share them.
 */
public final class ServiceFleet implements AutoCloseable {

    /**
     * A small heap (an instance keeps only counters and sessions), the serial collector (one GC thread,
     * none running concurrently with requests on a machine with few cores) and the C1 compiler only: the
     * JVM is ready sooner and no C2 compilations compete with requests for the cores during a run, while
     * {@code cpu_us} demand is measured in CPU time, so C2's faster code would not change it.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");
    public static final int DEFAULT_INSTANCES = 2;
    public static final int DEFAULT_WORKERS = 4;
    public static final int MAX_INSTANCES = 32;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    static final String LOOPBACK = "127.0.0.1";
    private static final String LOG_DIRECTORY_PREFIX = "perflab-fleet-";
    private static final Pattern LOG_DIRECTORY_NAME = Pattern.compile(LOG_DIRECTORY_PREFIX + "([0-9]{1,19})-[0-9]+");

    private final List<InstanceProcess> instances;
    private final List<Upstream> external;
    private final int workers;
    private final SessionMode sessions;
    private final Redis redis;
    private final RedisKeySpace redisKeys;
    private final Path logDirectory;
    private final Duration startTimeout;
    private final Thread shutdownHook;
    private final CancelOnInterrupt.Registration cancelRegistration;
    private volatile boolean closed;

    private ServiceFleet(List<InstanceProcess> instances, int workers, SessionMode sessions, Redis redis,
                         RedisKeySpace redisKeys, Path logDirectory, Duration startTimeout) {
        this.instances = List.copyOf(instances);
        this.external = null;
        this.workers = workers;
        this.sessions = sessions;
        this.redis = redis;
        this.redisKeys = redisKeys;
        this.logDirectory = logDirectory;
        this.startTimeout = startTimeout;
        this.shutdownHook = new Thread(this::stopEverything, "perflab-fleet-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.cancelRegistration = CancelOnInterrupt.register(this::close);
    }

    private ServiceFleet(List<Upstream> external) {
        this.instances = List.of();
        this.external = List.copyOf(external);
        this.workers = 0;
        this.sessions = null;
        this.redis = null;
        this.redisKeys = null;
        this.logDirectory = null;
        this.startTimeout = null;
        this.shutdownHook = null;
        this.cancelRegistration = null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Instances that run elsewhere (other hosts, or started by hand), addressed the same way as a local
     * fleet's. Health and stats work; {@link #stop}, {@link #restart} and {@link #pid} do not, since
     * this JVM does not own those processes; {@link #close()} leaves them running.
     */
    public static ServiceFleet external(List<Upstream> upstreams) {
        if (upstreams == null || upstreams.isEmpty()) {
            throw new IllegalArgumentException("external needs at least one upstream (host, port, weight, name)");
        }
        if (upstreams.stream().map(Upstream::name).distinct().count() != upstreams.size()) {
            throw new IllegalArgumentException("upstream names must differ (they tell responses apart), got "
                    + upstreams);
        }
        return new ServiceFleet(upstreams);
    }

    /** True for instances this fleet started; false for {@link #external} ones. */
    public boolean isLocal() {
        return external == null;
    }

    public int size() {
        return isLocal() ? instances.size() : external.size();
    }

    /** Where each instance listens, in order, weight 1 for local ones. */
    public List<Upstream> upstreams() {
        return isLocal() ? instances.stream().map(InstanceProcess::upstream).toList() : external;
    }

    public Upstream upstream(int i) {
        return upstreams().get(checkIndex(i));
    }

    /** Worker threads per local instance (0 for an external fleet, whose instances say it in their stats). */
    public int workers() {
        return workers;
    }

    /** Where local instances keep sessions; empty for an external fleet. */
    public Optional<SessionMode> sessionMode() {
        return Optional.ofNullable(sessions);
    }

    /** The Redis key prefix the instances share ({@code perflab:scaling:<hex>:}), deleted by {@link #close()}. */
    public Optional<String> redisPrefix() {
        return Optional.ofNullable(redisKeys).map(RedisKeySpace::prefix);
    }

    /** The temporary directory with the instances' logs, deleted by {@link #close()}; null for an external fleet. */
    Path logDirectory() {
        return logDirectory;
    }

    /** The operating-system process id of local instance {@code i} (of its latest launch). */
    public long pid(int i) {
        return local(i).pid();
    }

    /** Process ids of all local instances, in order. */
    public List<Long> pids() {
        requireLocal("pids");
        return instances.stream().map(InstanceProcess::pid).toList();
    }

    /** Whether local instance {@code i}'s process runs (it may still be unhealthy: see {@link #isHealthy}). */
    public boolean isRunning(int i) {
        return local(i).isAlive();
    }

    /** Whether instance {@code i} answers {@code /health} with 200 within 2 s. */
    public boolean isHealthy(int i) {
        try {
            return InstanceProbe.healthProblem(upstream(i)) == null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Instance {@code i}'s counters now, from its {@code /stats}. A local instance answers on its admin
     * port, whose own thread answers even while every worker is busy; an external one on its port.
     */
    public InstanceStats stats(int i) {
        return InstanceProbe.stats(isLocal() ? local(i).adminUpstream() : upstream(i));
    }

    /** Every instance's counters, in order. */
    public List<InstanceStats> stats() {
        List<InstanceStats> all = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            all.add(stats(i));
        }
        return all;
    }

    /** The last {@code lines} lines local instance {@code i} printed since its latest launch. */
    public String logTail(int i, int lines) {
        return local(i).logTail(lines);
    }

    /**
     * Kills local instance {@code i} at once (SIGKILL), as a crash would: requests it was serving fail,
     * its in-memory sessions are lost, and its port stops answering until {@link #restart}.
     */
    public void stop(int i) {
        InstanceProcess instance = local(i);
        try {
            instance.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + instance.name(), e);
        }
    }

    /**
     * Starts local instance {@code i} again on the same port (killing it first if it still runs) and
     * waits until it is healthy. Its counters and in-memory sessions start from zero.
     */
    public void restart(int i) {
        InstanceProcess instance = local(i);
        try {
            instance.kill();
            instance.start(startTimeout, 1, () -> closed);
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart " + instance.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting " + instance.name(), e);
        }
    }

    /**
     * Stops every local instance (SIGTERM, then SIGKILL after 5 s), waits for them to end, deletes the
     * Redis keys and the logs. Safe to call more than once; leaves external instances alone.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed || !isLocal()) {
                closed = true;
                return;
            }
            closed = true;
        }
        cancelRegistration.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
        stopEverything();
    }

    private void stopEverything() {
        closed = true;
        instances.forEach(InstanceProcess::terminate);
        try {
            for (InstanceProcess instance : instances) {
                instance.awaitStopped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            instances.forEach(InstanceProcess::killWithoutWaiting);
        } finally {
            closeRedis(redisKeys, redis);
            deleteRecursively(logDirectory);
        }
    }

    /** "2 local instances × 4 workers, sessions in memory: instance-1@127.0.0.1:40001 pid 123, ...". */
    public String describe() {
        if (!isLocal()) {
            return size() + " external instances: " + external;
        }
        return size() + " local instances × " + workers + " workers, sessions in "
                + sessions.name().toLowerCase(Locale.ROOT) + redisPrefix().map(p -> " under " + p).orElse("")
                + (closed ? " (closed)" : "") + ": " + instances;
    }

    @Override
    public String toString() {
        return "ServiceFleet[" + describe() + "]";
    }

    private InstanceProcess local(int i) {
        requireLocal("this");
        return instances.get(checkIndex(i));
    }

    private void requireLocal(String what) {
        if (!isLocal()) {
            throw new UnsupportedOperationException(what + " needs instances this fleet started; external instances"
                    + " run elsewhere: stop, restart or inspect them on their own hosts");
        }
        if (closed) {
            throw new IllegalStateException("this fleet is closed; build a new one with ServiceFleet.builder()");
        }
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("instance index must be between 0 and " + (size() - 1) + ", got " + i);
        }
        return i;
    }

    private static void closeRedis(RedisKeySpace keys, Redis redis) {
        try {
            if (keys != null) {
                keys.close();
            }
        } catch (RuntimeException e) {
            System.err.println("could not delete the fleet's Redis keys " + keys + ": " + e.getMessage());
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    /**
     * Deletes the log directories of fleets whose JVM is gone: one killed with SIGKILL had no chance to
     * delete its own. The owner's pid is part of the directory's name.
     */
    private static void deleteLogsOfDeadOwners() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> entries = Files.list(temp)) {
            for (Path entry : entries.toList()) {
                Matcher owner = LOG_DIRECTORY_NAME.matcher(entry.getFileName().toString());
                if (owner.matches() && Files.isDirectory(entry)
                        && ProcessHandle.of(Long.parseLong(owner.group(1))).map(p -> !p.isAlive()).orElse(true)) {
                    deleteRecursively(entry);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Tidying up after others is best effort; starting this fleet does not depend on it.
        }
    }

    private static void deleteRecursively(Path directory) {
        try {
            ChildProcesses.deleteRecursively(directory);
        } catch (UncheckedIOException e) {
            System.err.println("could not delete the fleet's logs: " + e.getMessage());
        }
    }

    /**
     * Defaults: {@value #DEFAULT_INSTANCES} instances of {@value #DEFAULT_WORKERS} workers, no database,
     * sessions in memory, {@link #DEFAULT_JVM_OPTIONS}, this JVM's java and class path, 30 s to start.
     */
    public static final class Builder {
        private int instances = DEFAULT_INSTANCES;
        private int workers = DEFAULT_WORKERS;
        private int poolSize;
        private long poolTimeoutMs = InstanceOptions.DEFAULT_POOL_TIMEOUT_MS;
        private JdbcSettings database;
        private SessionMode sessions = SessionMode.MEMORY;
        private RedisSettings redis;
        private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
        private String classPath;
        private String namePrefix = "instance";
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder() {
        }

        /** How many instances, 1 to {@value #MAX_INSTANCES}. */
        public Builder instances(int instances) {
            this.instances = InstanceOptions.between("instances", instances, 1, MAX_INSTANCES);
            return this;
        }

        /** Worker threads per instance: requests beyond them queue. */
        public Builder workers(int workers) {
            this.workers = InstanceOptions.between("workers", workers, 1, InstanceOptions.MAX_WORKERS);
            return this;
        }

        /** Connections in each instance's pool; default one per worker, so workers never wait for one. */
        public Builder poolSize(int poolSize) {
            this.poolSize = InstanceOptions.between("poolSize", poolSize, 1, InstanceOptions.MAX_POOL_SIZE);
            return this;
        }

        /** How long a request waits for a pooled connection before it fails with 503; default 10 s. */
        public Builder poolTimeout(Duration poolTimeout) {
            if (poolTimeout == null || poolTimeout.toMillis() < 250) {
                throw new IllegalArgumentException("poolTimeout must be at least 250 ms (HikariCP's floor), got "
                        + poolTimeout);
            }
            this.poolTimeoutMs = poolTimeout.toMillis();
            return this;
        }

        /**
         * The PostgreSQL that {@code db_ms} sleeps on, e.g. {@code JdbcSettings.fromEnvironment().orElseThrow()}.
         * It reaches the instances through their environment, so the password never shows in {@code ps}.
         */
        public Builder database(JdbcSettings database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /** Where sessions live; {@link SessionMode#REDIS} needs {@link #redis} or {@value RedisSettings#URL_ENV}. */
        public Builder sessions(SessionMode sessions) {
            this.sessions = Objects.requireNonNull(sessions, "sessions");
            return this;
        }

        /** The Redis for {@link SessionMode#REDIS}; default {@code RedisSettings.fromEnvironment()}. */
        public Builder redis(RedisSettings redis) {
            this.redis = Objects.requireNonNull(redis, "redis");
            return this;
        }

        /** Options for each instance's JVM, replacing {@link #DEFAULT_JVM_OPTIONS}. */
        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(jvmOptions);
            return this;
        }

        /** The instances' class path; default this JVM's {@code java.class.path}. */
        public Builder classPath(String classPath) {
            if (classPath == null || classPath.isBlank()) {
                throw new IllegalArgumentException("classPath must list perflab-lib and its dependencies");
            }
            this.classPath = classPath;
            return this;
        }

        /** Instances are named {@code <prefix>-1}, {@code <prefix>-2}, ...; default "instance". */
        public Builder namePrefix(String namePrefix) {
            if (namePrefix == null || !namePrefix.matches("[A-Za-z0-9._-]{1,30}")) {
                throw new IllegalArgumentException("namePrefix must be 1 to 30 letters, digits, '.', '_' or '-',"
                        + " got '" + namePrefix + "'");
            }
            this.namePrefix = namePrefix;
            return this;
        }

        /** How long each instance may take to become healthy, at start and at {@link ServiceFleet#restart}. */
        public Builder startTimeout(Duration startTimeout) {
            if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, got " + startTimeout);
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * Launches the instances together and waits until each is healthy. If one fails, all are stopped
         * and the exception carries that instance's output.
         */
        public ServiceFleet start() throws IOException, InterruptedException {
            RedisSettings redisSettings = sessions == SessionMode.REDIS ? redisSettings() : null;
            Map<String, String> environment = environment(redisSettings);
            List<String> javaCommand = new ArrayList<>();
            javaCommand.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            javaCommand.addAll(jvmOptions);
            javaCommand.addAll(List.of("-cp", classPath != null ? classPath : System.getProperty("java.class.path")));
            Redis redis = null;
            RedisKeySpace keys = null;
            Path logs = null;
            List<InstanceProcess> processes = new ArrayList<>();
            boolean started = false;
            try {
                if (redisSettings != null) {
                    // Fail here, in this JVM, with the chooser's message, rather than in K instance logs.
                    redis = RedisChooser.builder().settings(Optional.of(redisSettings)).build().choose();
                    keys = redis.keySpace("scaling");
                }
                deleteLogsOfDeadOwners();
                logs = Files.createTempDirectory(LOG_DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-");
                List<Integer> ports = ChildProcesses.freeLoopbackPorts(2 * instances);
                for (int i = 0; i < instances; i++) {
                    String name = namePrefix + "-" + (i + 1);
                    InstanceOptions options = new InstanceOptions(name, LOOPBACK, ports.get(2 * i), ports.get(2 * i + 1),
                            workers,
                            ProcessHandle.current().pid(), database != null, null, null, poolSize, poolTimeoutMs,
                            sessions, null, keys == null ? null : keys.prefix());
                    processes.add(new InstanceProcess(options, javaCommand, environment, logs.resolve(name + ".log")));
                }
                startAll(processes);
                ServiceFleet fleet = new ServiceFleet(processes, workers, sessions, redis, keys, logs, startTimeout);
                started = true;
                return fleet;
            } finally {
                if (!started) {
                    for (InstanceProcess process : processes) {
                        process.kill();
                    }
                    closeRedis(keys, redis);
                    deleteRecursively(logs);
                }
            }
        }

        /**
         * Starts the JVMs in parallel (each takes a second or so). The first failure abandons the other
         * starts and is the one reported.
         */
        private void startAll(List<InstanceProcess> processes) throws InterruptedException {
            List<Thread> starters = new ArrayList<>();
            AtomicReference<Exception> firstFailure = new AtomicReference<>();
            for (InstanceProcess process : processes) {
                Thread starter = new Thread(() -> {
                    try {
                        process.start(startTimeout, InstanceProcess.PORT_ATTEMPTS, () -> firstFailure.get() != null);
                    } catch (Exception e) {
                        firstFailure.compareAndSet(null, e);
                    }
                }, "perflab-fleet-start-" + process.name());
                starter.setDaemon(true);
                starter.start();
                starters.add(starter);
            }
            try {
                for (Thread starter : starters) {
                    starter.join();
                }
            } catch (InterruptedException e) {
                starters.forEach(Thread::interrupt);
                throw e;
            }
            Exception failure = firstFailure.get();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure != null) {
                throw new IllegalStateException("could not start the fleet: " + failure.getMessage(), failure);
            }
        }

        private RedisSettings redisSettings() {
            if (redis != null) {
                return redis;
            }
            return RedisSettings.fromEnvironment().orElseThrow(() -> new IllegalStateException(
                    "sessions in Redis need a Redis: set " + RedisSettings.URL_ENV + " (for example"
                            + " redis://127.0.0.1:6379) or call redis(new RedisSettings(url)) on the builder"));
        }

        /** Connection settings for the instances, in their environment rather than on their command line. */
        private Map<String, String> environment(RedisSettings redisSettings) {
            Map<String, String> environment = new HashMap<>();
            if (database != null) {
                environment.put(JdbcSettings.URL_ENV, database.url());
                environment.put(JdbcSettings.USER_ENV, database.user() == null ? "" : database.user());
                environment.put(JdbcSettings.PASSWORD_ENV, database.password() == null ? "" : database.password());
            }
            if (redisSettings != null) {
                environment.put(RedisSettings.URL_ENV, redisSettings.url());
            }
            return environment;
        }
    }
}
