package org.perflab.scaling;

import org.junit.jupiter.api.Test;
import org.perflab.env.ChildProcesses;
import org.perflab.load.ArrivalSchedule;
import org.perflab.load.LoadResult;
import org.perflab.load.OpenLoopGenerator;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP load client against in-process servers, no balancer in between. */
class HttpLoadTargetTest {

    @Test
    void sendsFromEachSourceAddressOverKeptAliveConnectionsAndTalliesTheInstance() throws Exception {
        try (TestInstances instances = TestInstances.start(1);
             HttpLoadTarget target = HttpLoadTarget.builder("127.0.0.1", instances.get(0).port())
                     .sourceAddresses(List.of("127.0.0.2", "127.0.0.3")).clients(4).build()) {
            for (int i = 0; i < 20; i++) {
                HttpLoadTarget.Outcome outcome = target.send();
                assertTrue(outcome.succeeded(), outcome.toString());
                assertEquals(i % 4, outcome.client());
                assertEquals(200, outcome.status());
                assertEquals("a", outcome.instance());
            }

            assertEquals(Set.of("127.0.0.2", "127.0.0.3"), instances.get(0).remoteAddresses);
            // Sequential requests reuse one connection per source address.
            assertEquals(2, instances.get(0).connections.size(), instances.get(0).connections.toString());
            assertEquals(Map.of("127.0.0.2", Map.of("a", 10L), "127.0.0.3", Map.of("a", 10L)),
                    target.instancesBySourceAddress());
            assertEquals(Map.of("a", 20L), target.responsesByInstance());
            assertEquals(20, target.successes());
            assertEquals(0, target.errors());
        }
    }

    @Test
    void sessionModeKeepsEachClientsCookies() throws Exception {
        try (TestInstances instances = TestInstances.start(1);
             HttpLoadTarget withSessions = HttpLoadTarget.builder("127.0.0.1", instances.get(0).port()).path("/visit")
                     .clients(3).sessions(true).build();
             HttpLoadTarget withoutSessions = HttpLoadTarget.builder("127.0.0.1", instances.get(0).port())
                     .path("/visit").clients(3).build()) {
            for (int i = 0; i < 9; i++) {
                withSessions.call();
            }
            // Each client got its own cookie on its first request and sent it back on its next two.
            Map<String, Long> seen = counts(instances.get(0));
            assertEquals(3, seen.size(), seen.toString());
            assertTrue(seen.values().stream().allMatch(n -> n == 2), seen.toString());

            for (int i = 0; i < 9; i++) {
                withoutSessions.call();
            }
            assertEquals(seen, counts(instances.get(0)), "a client without sessions sent a cookie");
            withSessions.clearSessions();
            withSessions.call();
            assertEquals(seen, counts(instances.get(0)), "cleared sessions still sent a cookie");
        }
    }

    private static Map<String, Long> counts(TestInstances.Instance instance) {
        return instance.cookies.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()));
    }

    @Test
    void countsEachKindOfFailureAndThrowsFromCall() throws Exception {
        int nobodyListens = ChildProcesses.freeLoopbackPort();
        try (TestInstances instances = TestInstances.start(1);
             HttpLoadTarget refused = HttpLoadTarget.builder("127.0.0.1", nobodyListens).build();
             HttpLoadTarget serverError = HttpLoadTarget.builder("127.0.0.1", instances.get(0).port()).path("/fail")
                     .build();
             HttpLoadTarget timeout = HttpLoadTarget.builder("127.0.0.1", instances.get(0).port()).path("/slow")
                     .requestTimeout(Duration.ofMillis(200)).build()) {
            HttpLoadTarget.RequestFailedException thrown = assertThrows(HttpLoadTarget.RequestFailedException.class,
                    refused::call);
            assertEquals(HttpLoadTarget.ErrorKind.CONNECTION_REFUSED, thrown.outcome().error(), thrown.getMessage());
            assertNull(thrown.outcome().instance());
            assertEquals(Map.of(HttpLoadTarget.ErrorKind.CONNECTION_REFUSED, 1L), refused.errorsByKind());

            HttpLoadTarget.Outcome failed = serverError.send();
            assertEquals(500, failed.status());
            assertEquals(HttpLoadTarget.ErrorKind.SERVER_ERROR, failed.error());
            assertEquals("a", failed.instance());
            assertEquals(Map.of("a", 1L), serverError.responsesByInstance());

            HttpLoadTarget.Outcome slow = timeout.send();
            assertEquals(HttpLoadTarget.ErrorKind.TIMEOUT, slow.error(), slow.toString());
            // A TIMEOUT outcome already says the 200 ms ran out before /slow's answer at 1 s; it is timed to then.
            assertTrue(slow.nanos() >= Duration.ofMillis(200).toNanos(), slow.toString());
            assertEquals(0, timeout.successes());
        }
    }

    @Test
    void aConnectionResetIsCountedAsReset() throws Exception {
        try (ServerSocket rude = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             HttpLoadTarget target = HttpLoadTarget.builder("127.0.0.1", rude.getLocalPort()).build()) {
            Thread closer = new Thread(() -> {
                try (Socket accepted = rude.accept()) {
                    accepted.getInputStream().read();
                    // Linger 0: close with a TCP reset instead of an orderly end of stream.
                    accepted.setSoLinger(true, 0);
                } catch (Exception e) {
                    // The assertion below reports what the client saw.
                }
            });
            closer.start();
            HttpLoadTarget.Outcome outcome = target.send();
            closer.join(5_000);

            assertEquals(HttpLoadTarget.ErrorKind.CONNECTION_RESET, outcome.error(), outcome.toString());
        }
    }

    @Test
    void anOpenLoopGeneratorCountsFailedRequestsAsFailedNotTimed() throws Exception {
        try (TestInstances instances = TestInstances.start(1);
             HttpLoadTarget target = HttpLoadTarget.builder("127.0.0.1", instances.get(0).port()).clients(4).build()) {
            LoadResult healthy = OpenLoopGenerator.builder().target(target)
                    .schedule(ArrivalSchedule.constantRate(200)).maxRequests(60).duration(Duration.ofSeconds(10))
                    .workerThreads(4).build().run();
            instances.get(0).failing = true;
            LoadResult broken = OpenLoopGenerator.builder().target(target)
                    .schedule(ArrivalSchedule.constantRate(200)).maxRequests(60).duration(Duration.ofSeconds(10))
                    .workerThreads(4).build().run();

            assertEquals(60, healthy.completed(), healthy.toString());
            assertEquals(0, healthy.failed());
            assertEquals(0, broken.completed(), broken.toString());
            assertEquals(60, broken.failed());
            assertEquals(Map.of(HttpLoadTarget.ErrorKind.SERVER_ERROR, 60L), target.errorsByKind());
            assertEquals(60, target.successes());
        }
    }

    @Test
    void badInputFailsWithAMessageNamingTheFix() {
        IllegalArgumentException remote = assertThrows(IllegalArgumentException.class,
                () -> HttpLoadTarget.builder("127.0.0.1", 8080).sourceAddresses(List.of("8.8.8.8")).clients(1).build());
        assertTrue(remote.getMessage().contains("127.0.0.x"), remote.getMessage());
        IllegalArgumentException tooFewClients = assertThrows(IllegalArgumentException.class,
                () -> HttpLoadTarget.builder("127.0.0.1", 8080).sourceAddresses(List.of("127.0.0.2", "127.0.0.3"))
                        .build());
        assertTrue(tooFewClients.getMessage().contains("set clients to at least 2"), tooFewClients.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HttpLoadTarget.builder("127.0.0.1", 0));
        assertThrows(IllegalArgumentException.class, () -> HttpLoadTarget.builder("127.0.0.1", 80).path("x"));
    }
}
