package org.perflab.env;

import org.perflab.cache.Redis;
import org.perflab.cache.RedisChooser;
import org.perflab.db.Database;
import org.perflab.db.DatabaseChooser;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * How long a notebook waits for its embedded servers: the first start on a machine (binaries unpacked,
 * PostgreSQL's data directory initialised, both cached) against the later ones (copy and start), for
 * the embedded PostgreSQL and redis-server, each timed from the chooser's call to a server that answers,
 * and closed (stopped, run directory deleted) before the next. Prints figures and asserts nothing.
 *
 * <p>The first start deletes the cache entries under {@link CacheDirectory#root()} first, so run it
 * when nothing else uses them.
 */
public final class EmbeddedStartBenchmark {

    private static final int LATER_STARTS = 10;

    private EmbeddedStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("cache " + CacheDirectory.root() + ", servers run " + ServerAccount.forServers().describe());
        measure("embedded PostgreSQL", "postgres", () -> DatabaseChooser.builder().settings(Optional.empty())
                .tryTestcontainers(false).build().choose());
        measure("embedded redis-server", "redis", () -> RedisChooser.builder().settings(Optional.empty())
                .tryTestcontainers(false).build().choose());
    }

    private static void measure(String label, String cacheEntry, Callable<AutoCloseable> start) throws Exception {
        ChildProcesses.deleteRecursively(CacheDirectory.root().resolve(cacheEntry));
        double first = timeOneStart(start);
        double[] later = new double[LATER_STARTS];
        for (int i = 0; i < LATER_STARTS; i++) {
            later[i] = timeOneStart(start);
        }
        Arrays.sort(later);
        System.out.printf(Locale.ROOT, "%s: first start %.2f s; later starts median %.2f s, min %.2f s, max %.2f s"
                + " (n=%d); first / later median %.1f%n", label, first, later[LATER_STARTS / 2], later[0],
                later[LATER_STARTS - 1], LATER_STARTS, first / later[LATER_STARTS / 2]);
    }

    private static double timeOneStart(Callable<AutoCloseable> start) throws Exception {
        long startNanos = System.nanoTime();
        AutoCloseable server = start.call();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String describe = server.toString();
        server.close();
        if (!describe.contains("embedded")) {
            throw new IllegalStateException("not an embedded server: " + describe);
        }
        return seconds;
    }
}
