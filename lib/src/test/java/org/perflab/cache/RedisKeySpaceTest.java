package org.perflab.cache;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How key prefixes are made. What a key space does in Redis is {@link RedisKeySpaceIT}.
 */
class RedisKeySpaceTest {

    @Test
    void prefixesAreNamespacedSluggedAndRandom() {
        String prefix = RedisKeySpace.prefixFor("Hit Ratio*", new Random(1));
        assertTrue(prefix.matches("perflab:hit_ratio_:[0-9a-f]{6}:"), prefix);
        assertThrows(IllegalArgumentException.class, () -> RedisKeySpace.prefixFor(" ", new Random(1)));
    }
}
