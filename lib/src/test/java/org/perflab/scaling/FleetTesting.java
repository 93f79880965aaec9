package org.perflab.scaling;

import org.perflab.cache.RedisSettings;
import org.perflab.db.JdbcSettings;
import org.perflab.testing.Requirement;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** HTTP calls to instances, process checks, and the services the tests need from the environment. */
final class FleetTesting {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private FleetTesting() {
    }

    /** GET {@code pathAndQuery} on the upstream, with header name/value pairs. */
    static HttpResponse<String> get(Upstream upstream, String pathAndQuery, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String instanceOf(HttpResponse<String> response) {
        return response.headers().firstValue(ServiceInstance.INSTANCE_HEADER).orElse("(no header)");
    }

    /** True once the process is gone, polling for up to {@code timeout}. */
    static boolean endsWithin(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive(pid)) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return !isAlive(pid);
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Descendants of this JVM that run a ServiceInstance: none should be left after a test. */
    static List<ProcessHandle> liveInstances() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(ServiceInstance.class.getName())).toList();
    }

    static JdbcSettings postgres() {
        return required(JdbcSettings.fromEnvironment(), "PostgreSQL", JdbcSettings.URL_ENV
                + "=jdbc:postgresql://127.0.0.1:5432/test " + JdbcSettings.USER_ENV + "=postgres");
    }

    static RedisSettings redis() {
        return required(RedisSettings.fromEnvironment(), "Redis", RedisSettings.URL_ENV + "=redis://127.0.0.1:6379");
    }

    /** The setting, or a skipped test saying what to set; under CI=true a missing setting fails the test. */
    private static <T> T required(Optional<T> setting, String what, String example) {
        Requirement.require(setting.isPresent(), what + " (its settings)", "set " + example + " to run this test");
        return setting.get();
    }
}
