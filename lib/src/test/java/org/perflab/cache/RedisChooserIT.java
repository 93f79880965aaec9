package org.perflab.cache;

import org.junit.jupiter.api.Test;
import org.perflab.testing.Services;
import redis.clients.jedis.Jedis;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Services
class RedisChooserIT {

    @Test
    void withoutAUrlOrDockerAnEmbeddedRedisServerRunsAndCloseStopsIt() {
        Redis redis = RedisChooser.builder().settings(Optional.empty()).tryTestcontainers(false).build().choose();
        String location;
        try {
            assertEquals(RedisBackend.EMBEDDED_SERVER, redis.backend(), redis.describe());
            assertTrue(redis.isAvailable());
            assertFalse(redis.isCluster());
            assertEquals("PONG", redis.call("PING", jedis -> jedis.ping()));
            location = redis.location().substring(redis.location().lastIndexOf(' ') + 1);
            assertTrue(redis.describe().contains("embedded redis-server"), redis.describe());
        } finally {
            redis.close();
        }
        String[] hostPort = location.split(":");
        assertThrows(RuntimeException.class, () -> {
            try (Jedis probe = new Jedis(hostPort[0], Integer.parseInt(hostPort[1]), 1000)) {
                probe.ping();
            }
        }, "the embedded server still answers after close()");
    }

    @Test
    void theMachinesRedisIsUsedWhenConfigured() {
        try (Redis redis = TestRedis.open()) {
            assertEquals(RedisBackend.CONFIGURED_URL, redis.backend());
            assertTrue(redis.serverVersion().matches("\\d+\\.\\d+.*"), redis.serverVersion());
            assertTrue(redis.describe().startsWith("redis: Redis " + redis.serverVersion()), redis.describe());
        }
    }

}
