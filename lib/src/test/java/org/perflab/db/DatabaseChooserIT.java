package org.perflab.db;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.perflab.env.Environment;
import org.perflab.testing.Services;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Services
class DatabaseChooserIT {

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
            // Catches a check that hangs (a Docker socket that never answers), not a slow machine.
            assertTrue(elapsedMs < 20_000, "the Docker and root checks must not hang, took " + elapsedMs + " ms");
        }
    }

    /**
     * The embedded server commits as a stock PostgreSQL does. zonky's default (synchronous_commit off)
     * kept VACUUM from marking freshly written pages all-visible, and 05-indexing failed on it. Runs
     * where embedded PostgreSQL can: not as root, with its jar on the class path.
     */
    @Test
    void embeddedPostgresCommitsSynchronouslyLikeAStockServer() throws Exception {
        Assumptions.assumeFalse(OptionalBackends.isRoot(), "embedded PostgreSQL does not run as root yet");
        try (Database database = DatabaseChooser.builder().settings(Optional.empty()).tryTestcontainers(false)
                .build().choose();
             java.sql.Connection connection = database.dataSource().getConnection();
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet setting = statement.executeQuery("SHOW synchronous_commit")) {
            assertEquals(Backend.EMBEDDED_POSTGRES, database.backend(), database.notes().toString());
            setting.next();
            assertEquals("on", setting.getString(1));
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
                TestDatabases.postgresSettings().url(), "perflab_no_such_user", null), 30);
        assertTrue(e.getMessage().contains("PERFLAB_JDBC_USER"), e.getMessage());
        assertTrue(e.getMessage().contains("[SQLState 28"), e.getMessage());
    }

    private static void requirePostgres() {
        TestDatabases.open(TestDatabases.POSTGRES, "perflab-test-probe").close();
    }
}
