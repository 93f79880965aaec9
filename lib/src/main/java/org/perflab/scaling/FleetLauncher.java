package org.perflab.scaling;

import org.perflab.cache.Redis;
import org.perflab.cache.RedisChooser;
import org.perflab.cache.RedisKeySpace;
import org.perflab.cache.RedisSettings;
import org.perflab.db.JdbcSettings;
import org.perflab.env.ChildProcesses;
import org.perflab.env.LoopbackProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Starts the instances a {@link ServiceFleet.Builder} describes: the Redis key space they share, a log
 * directory, the ports of all of them chosen together, the JVMs launched in parallel; on failure it
 * releases everything it made. Also tidies the log directories of fleets whose JVM was killed.
 */
final class FleetLauncher {

    private static final String LOG_DIRECTORY_PREFIX = "perflab-fleet-";
    private static final Pattern LOG_DIRECTORY_NAME = Pattern.compile(LOG_DIRECTORY_PREFIX + "([0-9]{1,19})-[0-9]+");

    private final ServiceFleet.Builder spec;

    FleetLauncher(ServiceFleet.Builder spec) {
        this.spec = spec;
    }

    /**
     * Launches the instances together and waits until each is healthy. If one fails, all are stopped
     * and the exception carries that instance's output.
     */
    ServiceFleet start() throws IOException, InterruptedException {
        RedisSettings redisSettings = spec.sessions == SessionMode.REDIS ? redisSettings() : null;
        Map<String, String> environment = environment(redisSettings);
        List<String> javaCommand = new ArrayList<>();
        javaCommand.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        javaCommand.addAll(spec.jvmOptions);
        javaCommand.addAll(List.of("-cp", spec.classPath != null ? spec.classPath : System.getProperty("java.class.path")));
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
            // Chosen together, so no two instances get the same port.
            List<Integer> ports = ChildProcesses.freeLoopbackPorts(2 * spec.instances);
            for (int i = 0; i < spec.instances; i++) {
                String name = spec.namePrefix + "-" + (i + 1);
                InstanceOptions options = InstanceOptions.builder(name, ports.get(2 * i), spec.workers)
                        .host(ServiceFleet.LOOPBACK)
                        .adminPort(ports.get(2 * i + 1))
                        .parentPid(ProcessHandle.current().pid())
                        .database(spec.database != null)
                        .poolSize(spec.poolSize)
                        .poolTimeout(spec.poolTimeout)
                        .sessions(spec.sessions)
                        .redisPrefix(keys == null ? null : keys.prefix())
                        .build();
                processes.add(new InstanceProcess(options, javaCommand, environment, logs.resolve(name + ".log")));
            }
            startAll(processes);
            ServiceFleet fleet = new ServiceFleet(processes, spec.workers, spec.sessions, redis, keys, logs,
                    spec.startTimeout);
            started = true;
            return fleet;
        } finally {
            if (!started) {
                for (InstanceProcess process : processes) {
                    process.kill();
                }
                release(keys, redis, logs);
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
                    process.start(spec.startTimeout, LoopbackProcess.PORT_ATTEMPTS, () -> firstFailure.get() != null);
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
        if (spec.redis != null) {
            return spec.redis;
        }
        return RedisSettings.fromEnvironment().orElseThrow(() -> new IllegalStateException(
                "sessions in Redis need a Redis: set " + RedisSettings.URL_ENV + " (for example"
                        + " redis://127.0.0.1:6379) or call redis(new RedisSettings(url)) on the builder"));
    }

    /** Connection settings for the instances, in their environment rather than on their command line. */
    private Map<String, String> environment(RedisSettings redisSettings) {
        Map<String, String> environment = new HashMap<>();
        JdbcSettings database = spec.database;
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

    /** Deletes the fleet's Redis keys, closes its Redis client and deletes its logs; reports, never throws. */
    static void release(RedisKeySpace keys, Redis redis, Path logs) {
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
            deleteRecursively(logs);
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
}
