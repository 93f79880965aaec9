package org.perflab.scaling;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.perflab.cache.Redis;
import org.perflab.cache.RedisChooser;
import org.perflab.cache.RedisSettings;
import org.perflab.testing.Services;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.perflab.scaling.FleetTesting.get;

/** Round robin over two instances: sessions in memory break, sessions in Redis do not. */
@Services
class ServiceFleetSessionsIT {

    @AfterEach
    void noInstanceLeft() {
        assertEquals(List.of(), FleetTesting.liveInstances(), "instances outlived their test");
    }

    @Test
    void inMemorySessionsAreUnknownToTheOtherInstanceAndLostOnRestart() throws Exception {
        try (ServiceFleet fleet = ServiceFleet.builder().instances(2).workers(1).start()) {
            String id = login(fleet.upstream(0));
            assertEquals(200, hit(fleet.upstream(0), id).statusCode());
            HttpResponse<String> elsewhere = hit(fleet.upstream(1), id);
            assertEquals(401, elsewhere.statusCode(), "round robin's next instance does not know the session");
            assertTrue(elsewhere.body().contains("unknown session " + id + " on instance-2"), elsewhere.body());
            assertTrue(hit(fleet.upstream(0), id).body().contains("count=2"));

            fleet.restart(0);
            assertEquals(401, hit(fleet.upstream(0), id).statusCode(), "a restart loses in-memory sessions");
        }
    }

    @Test
    void redisSessionsFollowTheUserAcrossInstancesAndRestartsAndAreDeletedOnClose() throws Exception {
        RedisSettings settings = FleetTesting.redis();
        String prefix;
        try (ServiceFleet fleet = ServiceFleet.builder().instances(2).workers(1).sessions(SessionMode.REDIS)
                .redis(settings).start()) {
            prefix = fleet.redisPrefix().orElseThrow();
            assertTrue(prefix.matches("perflab:scaling:[0-9a-f]{6}:"), prefix);
            String id = login(fleet.upstream(0));
            for (int request = 1; request <= 4; request++) {
                HttpResponse<String> response = hit(fleet.upstream(request % 2), id);
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(response.body().contains("user=ada count=" + request), response.body());
            }
            fleet.stop(0);
            fleet.restart(0);
            assertTrue(hit(fleet.upstream(0), id).body().contains("count=5"), "the session survives a restart");
            assertEquals(1, keysUnder(settings, prefix));
            assertEquals(200, get(fleet.upstream(1), "/session/logout", ServiceInstance.SESSION_HEADER, id)
                    .statusCode());
            assertEquals(401, hit(fleet.upstream(0), id).statusCode(), "logged out everywhere");
            login(fleet.upstream(1));
        }
        assertEquals(0, keysUnder(settings, prefix), "close() deletes the fleet's keys");
    }

    private static String login(Upstream upstream) throws Exception {
        HttpResponse<String> response = get(upstream, "/session/login?user=ada");
        assertEquals(200, response.statusCode(), response.body());
        return response.headers().firstValue(ServiceInstance.SESSION_HEADER).orElseThrow();
    }

    private static HttpResponse<String> hit(Upstream upstream, String id) throws Exception {
        return get(upstream, "/session/hit", "Cookie", ServiceInstance.SESSION_COOKIE + "=" + id);
    }

    /**
     * Keys under the prefix, over every page of SCAN: one page covers only part of a shared server's keys
     * (a single SCAN with COUNT 1000 missed the session key among the ~2,700 others on this machine).
     */
    private static int keysUnder(RedisSettings settings, String prefix) {
        try (Redis redis = RedisChooser.builder().settings(Optional.of(settings)).build().choose()) {
            return redis.call("SCAN", jedis -> {
                ScanParams match = new ScanParams().match(prefix + "*").count(1000);
                Set<String> keys = new HashSet<>();
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = jedis.scan(cursor, match);
                    keys.addAll(page.getResult());
                    cursor = page.getCursor();
                } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
                return keys.size();
            });
        }
    }
}
