package org.perflab.cache;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis settings and the chooser's failures, without a server: a refused port and nothing to try.
 * The chooser against real servers (the machine's, an embedded one) is {@link RedisChooserIT}.
 */
class RedisChooserTest {

    @Test
    void settingsComeFromThePropertyBeforeTheEnvironment() {
        Properties properties = new Properties();
        properties.setProperty(RedisSettings.URL_PROPERTY, "redis://from-property:7000");
        Optional<RedisSettings> settings = RedisSettings.from(Map.of(RedisSettings.URL_ENV, "redis://from-env:6379"),
                properties);
        assertEquals("from-property:7000", settings.orElseThrow().location());
        assertEquals("from-env:6379", RedisSettings.from(Map.of(RedisSettings.URL_ENV, "redis://from-env"),
                new Properties()).orElseThrow().location());
        assertTrue(RedisSettings.from(Map.of(RedisSettings.URL_ENV, "  "), new Properties()).isEmpty());
    }

    @Test
    void aUrlThatIsNotRedisIsRejectedNamingTheVariable() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new RedisSettings("http://127.0.0.1:6379"));
        assertTrue(error.getMessage().contains(RedisSettings.URL_ENV), error.getMessage());
    }

    @Test
    void passwordsNeverShow() {
        RedisSettings settings = new RedisSettings("redis://user:secret@127.0.0.1:6379/1");
        assertFalse(settings.toString().contains("secret"), settings.toString());
        assertEquals("redis://user:***@127.0.0.1:6379/1", RedisSettings.withoutPassword(settings.url()));
        assertEquals("redis://127.0.0.1:6379", RedisSettings.withoutPassword("redis://127.0.0.1:6379"));
    }

    @Test
    void aConfiguredServerThatDoesNotAnswerFailsWithinSecondsNamingTheFix() throws IOException {
        String url = "redis://127.0.0.1:" + closedPort();
        long start = System.nanoTime();
        RedisUnavailableException error = assertThrows(RedisUnavailableException.class,
                () -> RedisChooser.builder().settings(Optional.of(new RedisSettings(url))).build().choose());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 5, "took " + seconds + " s");
        assertTrue(error.getMessage().contains(url), error.getMessage());
        assertTrue(error.getMessage().contains("redis-server --port"), error.getMessage());
        assertTrue(error.getMessage().contains(RedisSettings.URL_ENV), error.getMessage());
    }

    @Test
    void withNothingToTryTheResultSaysWhyAndRefusesToHandOutAClient() {
        Redis none = RedisChooser.builder().settings(Optional.empty()).tryTestcontainers(false)
                .tryEmbeddedServer(false).build().choose();
        assertFalse(none.isAvailable());
        assertEquals(RedisBackend.NONE, none.backend());
        assertTrue(none.describe().startsWith("redis: none; no " + RedisSettings.URL_ENV + " set"), none.describe());
        assertTrue(none.describe().contains("the Redis parts are skipped"), none.describe());
        RedisUnavailableException error = assertThrows(RedisUnavailableException.class, none::client);
        assertTrue(error.getMessage().contains("embedded redis-server skipped: disabled"), error.getMessage());
        none.close();
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
