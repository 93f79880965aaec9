package org.perflab.cache;

import org.junit.jupiter.api.Test;
import org.perflab.testing.Services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Services
class RedisKeySpaceIT {

    @Test
    void closeDeletesEveryKeyUnderThePrefixAndNothingElse() {
        try (Redis redis = TestRedis.open()) {
            RedisKeySpace mine = redis.keySpace("keyspace_test");
            RedisKeySpace neighbour = redis.keySpace("keyspace_test");
            RedisStore store = new RedisStore(mine, null);
            RedisStore other = new RedisStore(neighbour, null);
            for (int i = 0; i < 1234; i++) {
                store.put("k" + i, "v" + i);
            }
            store.put("user:1", "x");
            other.put("k0", "neighbour");
            RedisKeySpace child = mine.child("part");
            new RedisStore(child, null).put("deep", "y");
            assertEquals(1236, mine.count());
            assertEquals(1, child.count());
            mine.close();
            assertEquals(0, mine.count());
            assertEquals("neighbour", other.get("k0"));
            neighbour.close();
            assertEquals(0, neighbour.count());
            mine.close();
        }
    }

    @Test
    void aTimeToLiveIsRedissOwn() throws InterruptedException {
        try (Redis redis = TestRedis.open(); RedisKeySpace space = redis.keySpace("ttl_test")) {
            RedisStore store = new RedisStore(space, java.time.Duration.ofMillis(50));
            store.put("a", "1");
            assertEquals("1", store.get("a"));
            long pttl = redis.call("PTTL", jedis -> jedis.pttl(space.key("a")));
            assertTrue(pttl > 0 && pttl <= 50, "PTTL " + pttl);
            Thread.sleep(200);
            assertEquals(null, store.get("a"));
        }
    }
}
