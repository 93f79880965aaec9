package org.perflab.kernel.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.perflab.testing.Services;
import org.perflab.testing.Slow;
import org.perflab.testing.Workbook;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every notebook of the workbook, run in order through the packaged kernel by the notebook runner,
 * as the README's workbook command does: a cell that raises or a verdict that prints FAIL fails
 * the build. The executed copies go to target/executed-notebooks (a failed one too, up to its
 * failing cell); the committed files are left as they are.
 *
 * <p>The database notebooks run on whatever {@code PERFLAB_JDBC_URL} names (CI sets the machine's
 * PostgreSQL; with nothing set they start an embedded one, which {@code .ci/run} covers as a newcomer
 * would run it, as root and not). After the run, PostgreSQL must hold no new schema and no session of
 * the notebooks, and Redis no new key under {@code perflab:}.
 */
@Workbook
@Services
@Slow
@Timeout(value = 40, unit = java.util.concurrent.TimeUnit.MINUTES)   // the whole workbook, in one test
class WorkbookIT {

    private static final Path NOTEBOOKS = InstalledKernel.MODULE.resolveSibling("notebooks");
    private static final String JDBC_URL_ENV = "PERFLAB_JDBC_URL";
    private static final String REDIS_URL_ENV = "PERFLAB_REDIS_URL";
    private static final String SCHEMAS = "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'perflab\\_%'";
    private static final String SESSIONS = "SELECT application_name || ' pid ' || pid FROM pg_stat_activity"
            + " WHERE application_name LIKE 'perflab%' AND pid <> pg_backend_pid()";

    @Test
    void everyNotebookRunsAndEveryVerdictPasses() throws Exception {
        Path output = InstalledKernel.MODULE.resolve("target/executed-notebooks");
        Path results = InstalledKernel.MODULE.resolve("target/test-workbook-results.csv");
        Files.deleteIfExists(results);
        String url = System.getenv(JDBC_URL_ENV);
        boolean postgres = url != null && url.startsWith("jdbc:postgresql:");
        String redis = System.getenv(REDIS_URL_ENV);
        Set<String> schemasBefore = postgres ? new HashSet<>(query(url, SCHEMAS)) : Set.of();
        Set<String> keysBefore = redis != null ? redisKeys(redis) : Set.of();

        run(List.of("--results", results.toString(), "--output-dir", output.toString(), NOTEBOOKS.toString()),
                Map.of());

        if (postgres) {
            List<String> newSchemas = new ArrayList<>(query(url, SCHEMAS));
            newSchemas.removeAll(schemasBefore);
            assertEquals(List.of(), newSchemas, "schemas the notebooks left behind");
            assertEquals(List.of(), openSessions(url), "sessions the notebooks left open");
        }
        if (redis != null) {
            Set<String> newKeys = redisKeys(redis);
            newKeys.removeAll(keysBefore);
            assertEquals(Set.of(), newKeys, "Redis keys the notebooks left behind");
        }
    }

    /** Runs the runner on {@code arguments}; an empty value in {@code environment} removes that variable. */
    private static void run(List<String> arguments, Map<String, String> environment) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of("run", "--timeout-seconds", "180", "--write-partial"));
        command.addAll(arguments);
        InstalledKernel.JarRun run = InstalledKernel.runJar(command, environment, Duration.ofMinutes(30));
        System.out.println(run.output());
        assertTrue(run.finished(), "the notebooks did not finish in 30 minutes");
        assertEquals(0, run.exitCode(), "a notebook failed:\n" + run.output());
    }

    /** PerfLab's sessions on the server, waiting up to 3 s for closed ones to go. */
    private static List<String> openSessions(String url) throws SQLException, InterruptedException {
        List<String> open = query(url, SESSIONS);
        // A closed connection's server process exits a moment after the client hangs up.
        for (int attempt = 0; attempt < 30 && !open.isEmpty(); attempt++) {
            Thread.sleep(100);
            open = query(url, SESSIONS);
        }
        return open;
    }

    private static List<String> query(String url, String sql) throws SQLException {
        String user = System.getenv().getOrDefault("PERFLAB_JDBC_USER", "postgres");
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, System.getenv("PERFLAB_JDBC_PASSWORD"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static Set<String> redisKeys(String url) {
        try (Jedis jedis = new Jedis(URI.create(url))) {
            return new HashSet<>(jedis.keys("perflab:*"));
        }
    }
}
