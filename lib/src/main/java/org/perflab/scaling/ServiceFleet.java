package org.perflab.scaling;

import org.perflab.cache.Redis;
import org.perflab.cache.RedisKeySpace;
import org.perflab.cache.RedisSettings;
import org.perflab.check.Require;
import org.perflab.db.JdbcSettings;
import org.perflab.env.CancelOnInterrupt;
import org.perflab.env.ProcessGuard;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    private final List<InstanceProcess> instances;
    private final List<Upstream> external;
    private final int workers;
    private final SessionMode sessions;
    private final Redis redis;
    private final RedisKeySpace redisKeys;
    private final Path logDirectory;
    private final Duration startTimeout;
    private final ProcessGuard guard;
    private volatile boolean closed;

    ServiceFleet(List<InstanceProcess> instances, int workers, SessionMode sessions, Redis redis,
                 RedisKeySpace redisKeys, Path logDirectory, Duration startTimeout) {
        this.instances = List.copyOf(instances);
        this.external = null;
        this.workers = workers;
        this.sessions = sessions;
        this.redis = redis;
        this.redisKeys = redisKeys;
        this.logDirectory = logDirectory;
        this.startTimeout = startTimeout;
        this.guard = ProcessGuard.guard("perflab-fleet-stop", this::stopEverything);
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
        this.guard = null;
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
        Require.that(upstreams != null && !upstreams.isEmpty(), "upstreams", upstreams, "at least one upstream",
                "list the instances as new Upstream(name, host, port, weight)");
        Require.that(upstreams.stream().map(Upstream::name).distinct().count() == upstreams.size(), "upstreams",
                upstreams, "named differently", "give each upstream its own name: the names tell responses apart");
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
        local(i).crash();
    }

    /**
     * Starts local instance {@code i} again on the same port (killing it first if it still runs) and
     * waits until it is healthy. Its counters and in-memory sessions start from zero.
     */
    public void restart(int i) {
        local(i).restart(startTimeout, () -> closed);
    }

    /**
     * Stops every local instance (SIGTERM, then SIGKILL after 5 s), waits for them to end, deletes the
     * Redis keys and the logs. Safe to call more than once; leaves external instances alone.
     */
    @Override
    public void close() {
        closed = true;
        if (guard != null) {
            guard.close();
        }
    }

    private void stopEverything() {
        closed = true;
        try {
            InstanceProcess.stopAll(instances);
        } finally {
            FleetLauncher.release(redisKeys, redis, logDirectory);
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
            throw new IndexOutOfBoundsException(Require.message("instance index", i, "between 0 and " + (size() - 1),
                    "count instances from 0"));
        }
        return i;
    }

    /**
     * Defaults: {@value #DEFAULT_INSTANCES} instances of {@value #DEFAULT_WORKERS} workers, no database,
     * sessions in memory, {@link #DEFAULT_JVM_OPTIONS}, this JVM's java and class path, 30 s to start.
     */
    public static final class Builder {
        // Read by FleetLauncher.
        int instances = DEFAULT_INSTANCES;
        int workers = DEFAULT_WORKERS;
        int poolSize;
        Duration poolTimeout = InstanceOptions.DEFAULT_POOL_TIMEOUT;
        JdbcSettings database;
        SessionMode sessions = SessionMode.MEMORY;
        RedisSettings redis;
        List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
        String classPath;
        String namePrefix = "instance";
        Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder() {
        }

        /** How many instances, 1 to {@value #MAX_INSTANCES}. */
        public Builder instances(int instances) {
            this.instances = Require.between("instances", instances, 1, MAX_INSTANCES,
                    "each instance is a JVM of its own; a few show the effect");
            return this;
        }

        /** Worker threads per instance: requests beyond them queue. */
        public Builder workers(int workers) {
            this.workers = Require.between("workers", workers, 1, InstanceOptions.MAX_WORKERS,
                    "give each instance a few worker threads, e.g. 4");
            return this;
        }

        /** Connections in each instance's pool; default one per worker, so workers never wait for one. */
        public Builder poolSize(int poolSize) {
            this.poolSize = Require.between("poolSize", poolSize, 1, InstanceOptions.MAX_POOL_SIZE,
                    "leave it unset for one connection per worker");
            return this;
        }

        /** How long a request waits for a pooled connection before it fails with 503; default 10 s. */
        public Builder poolTimeout(Duration poolTimeout) {
            this.poolTimeout = Require.between("poolTimeout", poolTimeout, InstanceOptions.MIN_POOL_TIMEOUT,
                    Duration.ofHours(1), "HikariCP refuses less than 250 ms; 10 s is the default");
            return this;
        }

        /**
         * The PostgreSQL that {@code db_ms} sleeps on, e.g. {@code JdbcSettings.fromEnvironment().orElseThrow()}.
         * It reaches the instances through their environment, so the password never shows in {@code ps}.
         */
        public Builder database(JdbcSettings database) {
            this.database = Require.notNull("database", database, "pass JdbcSettings.fromEnvironment().orElseThrow()");
            return this;
        }

        /** Where sessions live; {@link SessionMode#REDIS} needs {@link #redis} or {@value RedisSettings#URL_ENV}. */
        public Builder sessions(SessionMode sessions) {
            this.sessions = Require.notNull("sessions", sessions, "choose SessionMode.MEMORY or SessionMode.REDIS");
            return this;
        }

        /** The Redis for {@link SessionMode#REDIS}; default {@code RedisSettings.fromEnvironment()}. */
        public Builder redis(RedisSettings redis) {
            this.redis = Require.notNull("redis", redis, "pass new RedisSettings(url)");
            return this;
        }

        /** Options for each instance's JVM, replacing {@link #DEFAULT_JVM_OPTIONS}. */
        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(Require.notNull("jvmOptions", jvmOptions, "pass List.of() for none"));
            return this;
        }

        /** The instances' class path; default this JVM's {@code java.class.path}. */
        public Builder classPath(String classPath) {
            this.classPath = Require.notBlank("classPath", classPath, "list perflab-lib and its dependencies");
            return this;
        }

        /** Instances are named {@code <prefix>-1}, {@code <prefix>-2}, ...; default "instance". */
        public Builder namePrefix(String namePrefix) {
            Require.that(namePrefix != null && namePrefix.matches("[A-Za-z0-9._-]{1,30}"), "namePrefix",
                    "'" + namePrefix + "'", "1 to 30 letters, digits, '.', '_' or '-'", "use a short word like web");
            this.namePrefix = namePrefix;
            return this;
        }

        /** How long each instance may take to become healthy, at start and at {@link ServiceFleet#restart}. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Require.positive("startTimeout", startTimeout, "a JVM needs a few seconds, e.g. 30 s");
            return this;
        }

        /**
         * Launches the instances together and waits until each is healthy. If one fails, all are stopped
         * and the exception carries that instance's output.
         */
        public ServiceFleet start() throws IOException, InterruptedException {
            return new FleetLauncher(this).start();
        }
    }
}
