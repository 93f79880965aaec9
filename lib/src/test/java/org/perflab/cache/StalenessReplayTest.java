package org.perflab.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The staleness model alone. Replays against a database and Redis are {@link StalenessReplayIT}.
 */
class StalenessReplayTest {

    @Test
    void theModelIsZeroWithoutWritesAndGrowsWithTheTtl() {
        assertEquals(0, StalenessReplay.expectedStaleFraction(10, 0, Duration.ofSeconds(1)));
        double shortTtl = StalenessReplay.expectedStaleFraction(10, 0.1, Duration.ofMillis(100));
        double longTtl = StalenessReplay.expectedStaleFraction(10, 0.1, Duration.ofSeconds(10));
        assertTrue(shortTtl > 0 && shortTtl < longTtl && longTtl < 1, shortTtl + " " + longTtl);
        // Many reads per TTL: the age of a hit is uniform on (0, T), so the fraction tends to 1 - (1 - e^-λT)/(λT).
        double dense = StalenessReplay.expectedStaleFraction(1e6, 1, Duration.ofSeconds(1));
        assertEquals(1 - (1 - Math.exp(-1)), dense, 1e-5);
    }
}
