package org.perflab.scaling;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.perflab.env.CancelOnInterrupt;
import org.perflab.testing.Services;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real HAProxy in front of in-process HTTP servers on loopback. Needs the haproxy program:
 * skipped without it, except under CI=true, where a missing haproxy fails (CI installs it).
 */
@Services
class HaProxyIT {

    private static final Duration STATE_WAIT = Duration.ofSeconds(15);

    @BeforeEach
    void requireHaProxy() {
        HaProxyTestSupport.requireHaProxy();
    }

    private static HaProxyConfig.Builder config(TestInstances instances) {
        return HaProxyConfig.builder().upstreams(instances.upstreams());
    }

    private static HttpLoadTarget.Builder client(HaProxy balancer) {
        return HttpLoadTarget.builder(balancer.host(), balancer.port()).requestTimeout(Duration.ofSeconds(5));
    }

    private static void send(HttpLoadTarget target, int requests) throws InterruptedException {
        for (int i = 0; i < requests; i++) {
            target.send();
        }
    }

    @Test
    void startsReportsItselfAndLeavesNothingBehindWhenClosed() throws Exception {
        int registeredBefore = CancelOnInterrupt.pending();
        try (TestInstances instances = TestInstances.start(2)) {
            HaProxy balancer = HaProxy.builder(config(instances).build()).start();
            long pid = balancer.pid();
            try {
                assertTrue(balancer.version().startsWith("HAProxy version 2."), balancer.version());
                assertTrue(balancer.isRunning());
                assertEquals(registeredBefore + 1, CancelOnInterrupt.pending());
                assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
                List<UpstreamStats> stats = balancer.stats();
                assertEquals(List.of("a", "b"), stats.stream().map(UpstreamStats::name).toList());
                assertTrue(stats.stream().allMatch(UpstreamStats::up), stats.toString());
            } finally {
                balancer.close();
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "haproxy still runs");
            assertFalse(Files.exists(balancer.directory()), "temporary directory left behind");
            assertEquals(registeredBefore, CancelOnInterrupt.pending());
            balancer.close();
            assertThrows(IllegalStateException.class, balancer::stats);
        }
    }

    @Test
    void checkRejectsAConfigurationHaProxyCannotRun() {
        HaProxyConfig unresolvable = HaProxyConfig.builder().listenPort(18080)
                .upstream(new Upstream("a", "no-such-host.invalid", 8080, 1)).build();

        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> HaProxy.check(unresolvable));
        assertTrue(rejected.getMessage().contains("no-such-host.invalid"), rejected.getMessage());
    }

    @Test
    void checkAcceptsAConfigurationWithoutAPortYet() throws Exception {
        String output = HaProxy.check(HaProxyConfig.builder().upstream(new Upstream("a", "127.0.0.1", 8080, 1)).build());

        assertTrue(output.contains("valid"), output);
    }

    @Test
    void withoutHealthChecksAStoppedServerShowsUpAsErrors() throws Exception {
        try (TestInstances instances = TestInstances.start(2);
             HaProxy balancer = HaProxy.builder(config(instances).retries(0).build()).start();
             HttpLoadTarget target = client(balancer).build()) {
            instances.get(1).stop();
            send(target, 20);

            // Round robin keeps sending b its half; HAProxy answers those itself with 503.
            assertEquals(10, target.successes(), target.toString());
            assertEquals(Map.of(HttpLoadTarget.ErrorKind.SERVER_ERROR, 10L), target.errorsByKind());
            assertEquals(Map.of("a", 10L, HttpLoadTarget.NO_INSTANCE, 10L), target.responsesByInstance());
            assertEquals(10, balancer.stats("b").connectionErrors(), balancer.stats("b").toString());
        }
    }

    @Test
    void roundRobinSpreadsRequestsEvenly() throws Exception {
        try (TestInstances instances = TestInstances.start(3);
             HaProxy balancer = HaProxy.builder(config(instances).build()).start();
             HttpLoadTarget target = client(balancer).clients(4).build()) {
            send(target, 300);

            assertEquals(300, target.successes(), target.toString());
            Map<String, Long> served = target.responsesByInstance();
            assertEquals(List.of("a", "b", "c"), List.copyOf(served.keySet()));
            served.forEach((instance, count) -> assertTrue(count >= 90 && count <= 110, served.toString()));
            // HAProxy's counters agree with what the servers saw.
            for (UpstreamStats stats : balancer.stats()) {
                long seen = instances.instances.stream().filter(i -> i.name.equals(stats.name())).findFirst()
                        .orElseThrow().requests.sum();
                assertEquals(seen, stats.totalSessions(), stats.toString());
            }
        }
    }

    @Test
    void ipHashKeepsEachClientAddressOnOneServer() throws Exception {
        try (TestInstances instances = TestInstances.start(3);
             HaProxy balancer = HaProxy.builder(config(instances).algorithm(HaProxyConfig.Algorithm.IP_HASH).build())
                     .start();
             HttpLoadTarget target = client(balancer).sourceAddresses(List.of("127.0.0.2", "127.0.0.3"))
                     .clients(6).build()) {
            send(target, 120);

            assertEquals(120, target.successes(), target.toString());
            Map<String, Map<String, Long>> byAddress = target.instancesBySourceAddress();
            assertEquals(List.of("127.0.0.2", "127.0.0.3"), List.copyOf(byAddress.keySet()));
            byAddress.forEach((address, served) -> {
                assertEquals(1, served.size(), address + " was served by " + served);
                assertEquals(60L, served.values().iterator().next());
            });
        }
    }

    @Test
    void weightedSplitsThreeToOne() throws Exception {
        try (TestInstances instances = TestInstances.start(2);
             HaProxy balancer = HaProxy.builder(HaProxyConfig.builder()
                     .upstreams(List.of(instances.get(0).upstream(3), instances.get(1).upstream(1)))
                     .algorithm(HaProxyConfig.Algorithm.WEIGHTED).build()).start();
             HttpLoadTarget target = client(balancer).build()) {
            send(target, 400);

            Map<String, Long> served = target.responsesByInstance();
            assertEquals(400, target.successes(), target.toString());
            assertTrue(served.get("a") >= 280 && served.get("a") <= 320, served.toString());
            assertTrue(served.get("b") >= 80 && served.get("b") <= 120, served.toString());
        }
    }

    @Test
    void leastConnectionsAndPowerOfTwoChoicesServeFromEveryUpstream() throws Exception {
        for (HaProxyConfig.Algorithm algorithm : List.of(HaProxyConfig.Algorithm.LEAST_CONNECTIONS,
                HaProxyConfig.Algorithm.POWER_OF_TWO_CHOICES)) {
            try (TestInstances instances = TestInstances.start(3);
                 HaProxy balancer = HaProxy.builder(config(instances).algorithm(algorithm).build()).start();
                 HttpLoadTarget target = client(balancer).build()) {
                send(target, 150);

                assertEquals(150, target.successes(), algorithm + ": " + target);
                assertEquals(List.of("a", "b", "c"), List.copyOf(target.responsesByInstance().keySet()),
                        algorithm + ": " + target.responsesByInstance());
            }
        }
    }

    @Test
    void activeHealthCheckRoutesAroundAStoppedServerAndBackAfterRestart() throws Exception {
        try (TestInstances instances = TestInstances.start(3);
             HaProxy balancer = HaProxy.builder(config(instances)
                     .activeHealthCheck("/health", Duration.ofMillis(100), 2, 2).build()).start();
             HttpLoadTarget target = client(balancer).build()) {
            awaitState(balancer, "b", UpstreamStats::up, "UP");

            instances.get(1).stop();
            UpstreamStats down = awaitState(balancer, "b", UpstreamStats::down, "DOWN");
            assertNotEquals("L7OK", down.checkStatus(), down.toString());
            target.resetCounts();
            send(target, 60);
            assertEquals(60, target.successes(), target.toString());
            assertEquals(Map.of("a", 30L, "c", 30L), target.responsesByInstance());

            instances.get(1).restart();
            awaitState(balancer, "b", s -> s.status().equals("UP"), "UP");
            target.resetCounts();
            send(target, 60);
            assertEquals(60, target.successes(), target.toString());
            assertEquals(Map.of("a", 20L, "b", 20L, "c", 20L), target.responsesByInstance());
        }
    }

    @Test
    void passiveHealthCheckTakesOutAServerThatAnswersErrors() throws Exception {
        try (TestInstances instances = TestInstances.start(2);
             HaProxy balancer = HaProxy.builder(config(instances).passiveHealthCheck(3).build()).start();
             HttpLoadTarget target = client(balancer).build()) {
            instances.get(1).failing = true;
            send(target, 20);

            // Round robin gives b every other request until its third 500 in a row takes it out.
            assertEquals(Map.of(HttpLoadTarget.ErrorKind.SERVER_ERROR, 3L), target.errorsByKind(), target.toString());
            assertTrue(balancer.stats("b").down(), balancer.stats("b").toString());
            target.resetCounts();
            send(target, 10);
            assertEquals(Map.of("a", 10L), target.responsesByInstance());
        }
    }

    @Test
    void stickyCookieKeepsEachUserOnOneServer() throws Exception {
        try (TestInstances instances = TestInstances.start(3);
             HaProxy balancer = HaProxy.builder(config(instances).stickyCookie("SERVERID").build()).start();
             HttpLoadTarget withSessions = client(balancer).clients(6).sessions(true).build();
             // 4 clients, not 6: in turn over 3 servers, 6 clients would land on the same server every time.
             HttpLoadTarget withoutSessions = client(balancer).clients(4).build()) {
            send(withSessions, 120);
            send(withoutSessions, 120);

            assertEquals(120, withSessions.successes(), withSessions.toString());
            Map<Integer, Map<String, Long>> byUser = withSessions.instancesByClient();
            assertEquals(6, byUser.size());
            byUser.forEach((user, served) -> assertEquals(1, served.size(), "user " + user + " on " + served));
            // First visits are spread round robin, so the users are not all on one server.
            assertEquals(3, byUser.values().stream().map(m -> m.keySet().iterator().next()).distinct().count(),
                    byUser.toString());
            // Indirect cookie mode: HAProxy removes its cookie before the request reaches the server.
            instances.instances.forEach(i -> assertFalse(i.lastCookie.getOrDefault("Cookie", "").contains("SERVERID"),
                    i.lastCookie.toString()));
            // Without the cookie the same users wander.
            assertTrue(withoutSessions.instancesByClient().values().stream().allMatch(m -> m.size() > 1),
                    withoutSessions.instancesByClient().toString());
        }
    }

    @Test
    void maintenanceTakesAServerOutAndReadyPutsItBack() throws Exception {
        try (TestInstances instances = TestInstances.start(2);
             HaProxy balancer = HaProxy.builder(config(instances).build()).start();
             HttpLoadTarget target = client(balancer).build()) {
            balancer.setServerState("a", HaProxy.ServerState.MAINT);
            assertTrue(balancer.stats("a").status().startsWith("MAINT"), balancer.stats("a").toString());
            send(target, 10);
            assertEquals(Map.of("b", 10L), target.responsesByInstance());

            balancer.setServerState("a", HaProxy.ServerState.READY);
            target.resetCounts();
            send(target, 10);
            assertEquals(Map.of("a", 5L, "b", 5L), target.responsesByInstance());
            assertThrows(IllegalArgumentException.class, () -> balancer.setServerState("z", HaProxy.ServerState.MAINT));
        }
    }

    @Test
    void perServerMaxconnQueuesTheRestInHaProxy() throws Exception {
        try (TestInstances instances = TestInstances.start(1);
             HaProxy balancer = HaProxy.builder(config(instances).maxConnectionsPerServer(1).build()).start();
             HttpLoadTarget target = client(balancer).path("/slow").clients(3).build()) {
            List<Thread> senders = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int client = i;
                Thread sender = new Thread(() -> {
                    try {
                        target.send(client);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                sender.start();
                senders.add(sender);
            }
            UpstreamStats backend = awaitBackendQueue(balancer, 2);
            assertEquals(1, balancer.stats("a").currentSessions(), balancer.stats("a").toString());
            assertEquals(2, backend.queued(), backend.toString());
            for (Thread sender : senders) {
                sender.join(10_000);
            }
            assertEquals(3, target.successes(), target.toString());
        }
    }

    private static UpstreamStats awaitBackendQueue(HaProxy balancer, int queued) throws InterruptedException {
        long deadline = System.nanoTime() + STATE_WAIT.toNanos();
        UpstreamStats last = balancer.backendStats();
        while (last.queued() < queued) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the backend did not queue " + queued + " within " + STATE_WAIT + "; last: "
                        + last);
            }
            Thread.sleep(20);
            last = balancer.backendStats();
        }
        return last;
    }

    /** Polls the stats until {@code upstream} matches, failing after {@link #STATE_WAIT}. */
    private static UpstreamStats awaitState(HaProxy balancer, String upstream, Predicate<UpstreamStats> state,
                                            String description) throws InterruptedException {
        long deadline = System.nanoTime() + STATE_WAIT.toNanos();
        UpstreamStats last = balancer.stats(upstream);
        while (!state.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(upstream + " did not become " + description + " within " + STATE_WAIT
                        + "; last: " + last + "\nHAProxy output:\n" + balancer.outputTail(20));
            }
            Thread.sleep(50);
            last = balancer.stats(upstream);
        }
        return last;
    }
}
