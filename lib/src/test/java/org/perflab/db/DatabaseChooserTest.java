package org.perflab.db;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Database settings, names, and the chooser's failures against a refused port and a silent socket,
 * all without a database server. The chooser's fallbacks and a real PostgreSQL are {@link DatabaseChooserIT}.
 */
class DatabaseChooserTest {

    @Test
    void refusedConnectionFailsFastAndNamesTheSettings() {
        // Refused at once, long before the 30 s connect timeout could be what ended it.
        DatabaseUnavailableException e = FailingChoice.assertFailsWithin(Duration.ofSeconds(10), new JdbcSettings(
                "jdbc:postgresql://127.0.0.1:1/test?password=hunter2", "postgres", null), Duration.ofSeconds(30));
        assertTrue(e.getMessage().contains("PERFLAB_JDBC_URL"), e.getMessage());
        assertTrue(e.getMessage().contains("No server answered"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), "password leaked: " + e.getMessage());
    }

    @Test
    void serverThatNeverAnswersFailsWithinTheLoginTimeout() throws Exception {
        // The kernel completes the TCP handshake from the listen backlog, but nothing ever replies: only
        // pgjdbc's loginTimeout ends the wait. (A "blackhole" address is not reliable in sandboxes.)
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Without the timeout this would wait forever; the 10 s over it allow for a busy machine.
            DatabaseUnavailableException e = FailingChoice.assertFailsWithin(Duration.ofSeconds(12), new JdbcSettings(
                    "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/test", "postgres", null), Duration.ofSeconds(2));
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
}
