package org.perflab.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.perflab.db.JdbcSettings;
import org.perflab.testing.Requirement;
import org.perflab.testing.Services;

/**
 * A capacity sweep of a query on the machine's PostgreSQL (run under {@code flock /root/services.lock}): a pool of
 * 4 connections and {@code pg_sleep(0.02)} has a capacity of 4 / 20 ms = 200 queries/s, whatever the CPU does.
 */
@Services
class JdbcQueryPostgresIT {

    @Test
    void findsTheCapacityOfAConnectionPoolInFrontOfASleepingQuery() throws Exception {
        JdbcSettings settings = JdbcSettings.fromEnvironment().filter(s -> s.url().startsWith("jdbc:postgresql:")).orElse(null);
        Requirement.require(settings != null, "PostgreSQL (its settings)",
                "set " + JdbcSettings.URL_ENV + "=jdbc:postgresql://127.0.0.1:5432/test " + JdbcSettings.USER_ENV + "=postgres");
        try (JdbcQuery query = JdbcQuery.builder(settings.url(), "SELECT pg_sleep(0.02)").user(settings.user())
                .password(settings.password()).connections(4).build()) {
            CapacityResult result = CapacitySweep.builder(query, 400).startRate(50).rateStep(50)
                    .p99Ceiling(Duration.ofMillis(250)).build().run();
            assertEquals(CapacityResult.StopReason.P99_CEILING, result.stopReason(), result::toString);
            assertTrue(result.reachedKnee(), result::toString);
            // A query holds its connection 20 ms plus a round trip; 15% below 200 allows for that, as for the demo service.
            assertEquals(200, result.kneePerSec(), 0.15 * 200, result::toString);
            assertTrue(result.steps().stream().allMatch(s -> s.errorRate() == 0), result::toString);
        }
    }
}
