package org.perflab.db;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.perflab.env.Environment;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseChooserTest {

    private static final long FAIL_FAST_LIMIT_MS = 5_000;

    @Test
    void withNothingConfiguredFallsBackToH2AndSaysWhyEachEarlierBackendWasSkipped() {
        long start = System.nanoTime();
        try (Database database = DatabaseChooser.builder().settings(Optional.empty()).build().choose()) {
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            System.out.println("[chooser] " + database.describe() + " (chosen in " + elapsedMs + " ms)");
            String notes = String.join(" | ", database.notes());
            assertTrue(notes.contains("no PERFLAB_JDBC_URL set"), notes);
            assertEquals(database.describe(), Environment.facts().get("backend: database"));
            // Where Docker answers, or a non-root user can run embedded PostgreSQL, those win; fine.
            Assumptions.assumeTrue(OptionalBackends.dockerEndpoint().isEmpty() && OptionalBackends.isRoot(),
                    "a Docker engine or a non-root user: H2 is not the expected fallback here");
            assertEquals(Backend.H2_IN_PROCESS, database.backend());
            assertTrue(notes.contains("Testcontainers skipped"), notes);
            assertTrue(notes.contains("embedded PostgreSQL skipped"), notes);
            assertTrue(notes.contains("running as root"), notes);
            assertTrue(database.describe().contains("network round trips and connection costs are absent"));
            assertTrue(elapsedMs < 4_000, "the Docker and root checks must be fast, took " + elapsedMs + " ms");
        }
    }

    @Test
    void configuredPostgresIsUsedFirstAndDescribesItself() {
        try (Database database = TestDatabases.open(TestDatabases.POSTGRES, "perflab-test-chooser")) {
            System.out.println("[chooser] " + database.describe());
            assertEquals(Backend.CONFIGURED_URL, database.backend());
            assertTrue(database.isPostgres());
            assertTrue(database.describe().startsWith("database: PostgreSQL "), database.describe());
            assertTrue(database.notes().isEmpty(), database.notes().toString());
        }
    }

    @Test
    void refusedConnectionFailsFastAndNamesTheSettings() {
        DatabaseUnavailableException e = assertFailsFast(new JdbcSettings(
                "jdbc:postgresql://127.0.0.1:1/test?password=hunter2", "postgres", null), 5);
        assertTrue(e.getMessage().contains("PERFLAB_JDBC_URL"), e.getMessage());
        assertTrue(e.getMessage().contains("No server answered"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), "password leaked: " + e.getMessage());
    }

    @Test
    void unknownUserFailsFastAndPointsAtTheCredentials() {
        requirePostgres();
        DatabaseUnavailableException e = assertFailsFast(new JdbcSettings(
                TestDatabases.postgresSettings().url(), "perflab_no_such_user", null), 5);
        assertTrue(e.getMessage().contains("PERFLAB_JDBC_USER"), e.getMessage());
        assertTrue(e.getMessage().contains("[SQLState 28"), e.getMessage());
    }

    @Test
    void serverThatNeverAnswersFailsWithinTheLoginTimeout() throws Exception {
        // The kernel completes the TCP handshake from the listen backlog, but nothing ever replies: only
        // pgjdbc's loginTimeout ends the wait. (A "blackhole" address is not reliable in sandboxes.)
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            DatabaseUnavailableException e = assertFailsFast(new JdbcSettings(
                    "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/test", "postgres", null), 2);
            assertTrue(e.getMessage().contains("timeout 2 s"), e.getMessage());
            assertTrue(e.getMessage().contains("PERFLAB_JDBC_URL"), e.getMessage());
        }
    }

    @Test
    void settingsComeFromThePropertyBeforeTheEnvironmentAndNeverPrintThePassword() {
        Properties properties = new Properties();
        Map<String, String> env = Map.of(JdbcSettings.URL_ENV, "jdbc:h2:mem:env", JdbcSettings.USER_ENV, "u",
                JdbcSettings.PASSWORD_ENV, "secret");
        assertEquals("jdbc:h2:mem:env", JdbcSettings.from(env, properties).orElseThrow().url());
        properties.setProperty(JdbcSettings.URL_PROPERTY, "jdbc:h2:mem:prop");
        JdbcSettings settings = JdbcSettings.from(env, properties).orElseThrow();
        assertEquals("jdbc:h2:mem:prop", settings.url());
        assertEquals("u", settings.user());
        assertFalse(settings.toString().contains("secret"));
        assertTrue(JdbcSettings.from(Map.of(), new Properties()).isEmpty());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new JdbcSettings("postgres://localhost/x", null, null));
        assertTrue(bad.getMessage().contains("PERFLAB_JDBC_URL"), bad.getMessage());
    }

    @Test
    void configuredH2UrlWorksThroughDriverManager() {
        try (Database database = DatabaseChooser.builder()
                .settings(Optional.of(new JdbcSettings("jdbc:h2:mem:configured", "sa", "")))
                .build().choose()) {
            assertEquals(Backend.CONFIGURED_URL, database.backend());
            assertEquals("H2", database.productName());
        }
    }

    @Test
    void schemaNamesAreSafeIdentifiersWithinPostgresLimit() {
        String name = Schema.nameFor("N+1 Queries: the whole story, told at great length for a test", new Random(1));
        assertTrue(name.matches("perflab_[a-z0-9_]+_[0-9a-f]{6}"), name);
        assertTrue(name.length() <= Schema.MAX_NAME_LENGTH, name);
        assertEquals(name, Schema.nameFor("N+1 Queries: the whole story, told at great length for a test",
                new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> Schema.nameFor(" ", new Random(1)));
    }

    @Test
    void locationIsHostAndPort() {
        assertEquals("127.0.0.1:5432", DatabaseChooser.locationOf("jdbc:postgresql://127.0.0.1:5432/test?x=1"));
        assertEquals("db.example.com", DatabaseChooser.locationOf("jdbc:postgresql://db.example.com/test"));
    }

    private static DatabaseUnavailableException assertFailsFast(JdbcSettings settings, int timeoutSeconds) {
        long start = System.nanoTime();
        DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class,
                () -> DatabaseChooser.builder().settings(Optional.of(settings)).connectTimeoutSeconds(timeoutSeconds)
                        .build().choose());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        System.out.println("[chooser] failed in " + elapsedMs + " ms: " + e.getMessage());
        assertTrue(elapsedMs < Math.min(FAIL_FAST_LIMIT_MS, timeoutSeconds * 1000L + 1_000),
                "took " + elapsedMs + " ms");
        return e;
    }

    private static void requirePostgres() {
        TestDatabases.open(TestDatabases.POSTGRES, "perflab-test-probe").close();
    }
}
