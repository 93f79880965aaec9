package org.perflab.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The targets' safety rule (loopback, or named) and their failures; the JDBC sweep runs on in-memory H2. */
class ServiceTargetTest {

    @Test
    void anHttpTargetOffLoopbackMustBeNamed() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> HttpEndpoint.builder("GET", "http://shop.example.com/health").build());
        assertTrue(refused.getMessage().contains("refusing to send load to shop.example.com"), refused.getMessage());
        assertTrue(refused.getMessage().contains("add \"shop.example.com\" to allowedHosts"), refused.getMessage());
        HttpEndpoint.builder("GET", "http://shop.example.com/health").allowedHosts(List.of("shop.example.com")).build().close();
        HttpEndpoint.builder("GET", "http://localhost:9/").build().close();
        HttpEndpoint.builder("GET", "http://127.0.0.2:9/").build().close();
        HttpEndpoint.builder("GET", "http://[::1]:9/").build().close();
    }

    @Test
    void aJdbcTargetOffLoopbackMustBeNamed() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> JdbcQuery.builder("jdbc:postgresql://db.example.com:5432/shop", "SELECT 1").build());
        assertTrue(refused.getMessage().contains("refusing to send load to db.example.com"), refused.getMessage());
        assertEquals("db.example.com", JdbcQuery.hostOf("jdbc:postgresql://db.example.com:5432/shop"));
        assertEquals("127.0.0.1", JdbcQuery.hostOf("jdbc:postgresql://127.0.0.1/test?user=x"));
        assertEquals("[::1]", JdbcQuery.hostOf("jdbc:postgresql://[::1]:5432/test"));
        assertNull(JdbcQuery.hostOf("jdbc:h2:mem:shop"));
    }

    @Test
    void badInputIsRefusedWithTheFix() {
        IllegalArgumentException method = assertThrows(IllegalArgumentException.class,
                () -> HttpEndpoint.builder("get", "http://127.0.0.1/"));
        assertTrue(method.getMessage().contains("write GET, POST"), method.getMessage());
        IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
                () -> HttpEndpoint.builder("GET", "ftp://127.0.0.1/"));
        assertTrue(scheme.getMessage().contains("http://host:port/path"), scheme.getMessage());
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
                () -> HttpEndpoint.builder("GET", "http://127.0.0.1/").header("Host", "x"));
        assertTrue(header.getMessage().contains("the HTTP client sets it"), header.getMessage());
    }

    @Test
    void aJdbcQuerySweepsAndStopsAtItsMaximumRate() throws Exception {
        try (JdbcQuery query = JdbcQuery.builder("jdbc:h2:mem:capacity-sweep;DB_CLOSE_DELAY=-1", "SELECT 1")
                .connections(4).build()) {
            assertTrue(query.describe().startsWith("the query \"SELECT 1\" on jdbc:h2:mem:capacity-sweep"), query.describe());
            CapacityResult result = CapacitySweep.builder(query, 200).startRate(100).rateStep(100)
                    .stepDuration(Duration.ofMillis(500)).build().run();
            assertEquals(CapacityResult.StopReason.MAX_RATE, result.stopReason(), result::toString);
            assertEquals(2, result.steps().size());
            assertTrue(result.steps().stream().allMatch(s -> s.errorRate() == 0 && s.result().completed() > 0), result::toString);
        }
    }

    @Test
    void aFailingQueryEndsTheSweepSayingWhy() throws Exception {
        try (JdbcQuery query = JdbcQuery.builder("jdbc:h2:mem:capacity-fail;DB_CLOSE_DELAY=-1", "SELECT * FROM no_such_table")
                .connections(2).build()) {
            CapacityResult result = CapacitySweep.builder(query, 100).build().run();
            assertEquals(CapacityResult.StopReason.ERROR_RATE, result.stopReason(), result::toString);
            assertTrue(result.stopDetail().contains("query failed on jdbc:h2:mem:capacity-fail"), result::stopDetail);
            assertTrue(result.stopDetail().toUpperCase().contains("NO_SUCH_TABLE"), result::stopDetail);
        }
    }
}
