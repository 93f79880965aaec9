package org.perflab.cache;

import org.junit.jupiter.api.Test;
import org.perflab.testing.Services;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pipelining and pub/sub invalidation against the machine's Redis. */
@Services
class RedisExperimentsIT {

    @Test
    void pipeliningWritesTheSameKeysAndCleansUp() {
        try (Redis redis = TestRedis.open()) {
            RedisKeySpace space = redis.keySpace("pipelining_test");
            RedisPipelining.Result result = RedisPipelining.compare(space, 2_000, 1, 2);
            assertEquals(2, result.oneRoundTripEach().count());
            assertEquals(2, result.pipelined().count());
            assertEquals(2_000, space.count());
            assertEquals("run 2", redis.call("GET", jedis -> jedis.get(space.key("pipelining:1999"))));
            space.close();
            assertEquals(0, space.count());
        }
    }

    @Test
    void anotherInstancesWriteReachesThisInstancesLocalTierOnlyWithTheBus() throws InterruptedException {
        try (Redis redis = TestRedis.open(); RedisKeySpace space = redis.keySpace("bus_test")) {
            RedisStore shared = new RedisStore(space, Duration.ofMinutes(1));
            try (TieredStore a = TieredStore.withInvalidation(CaffeineStore.builder().build(), shared);
                 TieredStore b = TieredStore.withInvalidation(CaffeineStore.builder().build(), shared);
                 TieredStore deaf = TieredStore.of(CaffeineStore.builder().build(), shared)) {
                a.put("k", "old");
                // The message announcing this first write reaches b asynchronously; had b read before it
                // arrived, the message would drop the copy just made (harmless in use, but it would race
                // the assertion on b's local tier below). So b reads once the message is in.
                for (int i = 0; i < 200 && b.invalidationsReceived() < 1; i++) {
                    Thread.sleep(10);
                }
                assertEquals(1, b.invalidationsReceived(), "b heard of a's first write");
                assertEquals("old", b.get("k"));
                assertEquals("old", deaf.get("k"));
                assertEquals("old", b.local().get("k"), "copied into b's local tier");
                a.put("k", "new");
                for (int i = 0; i < 200 && b.local().get("k") != null; i++) {
                    Thread.sleep(10);
                }
                assertNull(b.local().get("k"), "b's local copy was dropped by the message");
                assertEquals("new", b.get("k"));
                assertTrue(b.invalidationsReceived() >= 2);
                assertEquals("old", deaf.get("k"), "without the bus the local copy stays stale");
                assertEquals("new", shared.get("k"));
            }
        }
    }

}
