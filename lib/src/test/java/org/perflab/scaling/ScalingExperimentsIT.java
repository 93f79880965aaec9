package org.perflab.scaling;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.perflab.testing.Services;
import org.perflab.testing.Slow;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notebook's experiments on a small real fleet (two service JVMs without a database, waits in the
 * handler) behind a real HAProxy: each experiment reports what happened, and what it counts adds up.
 * Behaviour, not speed: every bound here holds on a slow machine.
 */
@Services
@Slow
class ScalingExperimentsIT {

    private static ServiceFleet fleet;

    @BeforeAll
    static void startFleet() throws Exception {
        HaProxyTestSupport.requireHaProxy();
        fleet = ServiceFleet.builder().instances(2).workers(2).namePrefix("exp").start();
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    private static HaProxyConfig.Builder roundRobin() {
        return HaProxyConfig.builder().upstreams(fleet.upstreams()).algorithm(HaProxyConfig.Algorithm.ROUND_ROBIN);
    }

    @Test
    void fleetSweepMeasuresEachSizeThroughAFreshBalancer() throws Exception {
        WorkerSweepResult sweep = FleetSweep.builder(fleet.upstreams(),
                        WorkPaths.constant(Duration.ZERO, Duration.ofMillis(2), WorkPaths.WaitIn.HANDLER))
                .sizes(1, 2).maxConnectionsPerServer(2).clientsPerInstance(4)
                .warmup(Duration.ZERO).measure(Duration.ofMillis(300)).build().run();
        assertEquals(List.of(1, 2), sweep.steps().stream().map(WorkerSweepResult.Step::size).toList());
        for (WorkerSweepResult.Step step : sweep.steps()) {
            assertTrue(step.load().completed() > 0, step.load().toString());
            assertEquals(0, step.load().failed(), step.load().toString());
        }
        assertEquals("instances", sweep.table().columnNames().get(0));
        assertThrows(IllegalArgumentException.class, () -> FleetSweep.builder(fleet.upstreams(), () -> "/").sizes(3));
    }

    @Test
    void sessionsInMemoryAreLostUnderRoundRobinAndKeptWithAStickyCookie() throws Exception {
        try (HaProxy balancer = HaProxy.builder(roundRobin().build()).start();
             HttpLoadTarget users = HttpLoadTarget.builder(balancer.host(), balancer.port()).sessions(true).clients(10).build()) {
            SessionCheck.Result result = SessionCheck.run(users, 6, 1);
            assertEquals(60, result.hits());
            // Two instances, shuffled turns: about half the hits reach the instance without the session.
            assertTrue(result.lost() >= 10 && result.lost() <= 50, result.toString());
            assertEquals(0, result.otherErrors(), result.toString());
        }
        try (HaProxy balancer = HaProxy.builder(roundRobin().stickyCookie("TEST_SERVER").build()).start();
             HttpLoadTarget users = HttpLoadTarget.builder(balancer.host(), balancer.port()).sessions(true).clients(10).build()) {
            SessionCheck.Result result = SessionCheck.run(users, 6, 1);
            assertEquals(0, result.lost(), result.toString());
            assertEquals(1.0, result.usersOnOneInstance(), result.toString());
        }
        try (HttpLoadTarget withoutCookies = HttpLoadTarget.builder("127.0.0.1", fleet.upstream(0).port()).build()) {
            assertThrows(IllegalArgumentException.class, () -> SessionCheck.run(withoutCookies, 1, 1));
        }
    }

    @Test
    void aKilledInstanceCausesFailuresUntilActiveChecksTakeItOutAndItComesBack() throws Exception {
        HaProxyConfig config = roundRobin().activeHealthCheck("/health", Duration.ofMillis(200), 2, 2).build();
        try (HaProxy balancer = HaProxy.builder(config).start();
             HttpLoadTarget target = HttpLoadTarget.builder(balancer.host(), balancer.port())
                     .paths(WorkPaths.constant(Duration.ZERO, Duration.ofMillis(1), WorkPaths.WaitIn.HANDLER))
                     .requestTimeout(Duration.ofSeconds(2)).build()) {
            long pidBefore = fleet.pid(1);
            InstanceFailure.Result result = InstanceFailure.run(fleet, balancer, target, 1, 100, Duration.ofMillis(6_000),
                    Duration.ofMillis(500), Duration.ofMillis(2_000), 1);
            assertTrue(result.stoppedAt().compareTo(result.restartedAt()) < 0, result.toString());
            assertFalse(ProcessHandle.of(pidBefore).map(ProcessHandle::isAlive).orElse(false), "the old process is gone");
            assertTrue(fleet.isRunning(1), "restarted");
            long recorded = result.timeline().entries().size();
            assertEquals(result.load().completed() + result.load().failed(), recorded, "every request is on the timeline");
            assertTrue(result.errorsWhileDown() <= result.load().failed(), result.toString());
            assertTrue(result.lastErrorAfterStopMs() < 1_500, "active checks end the failures: " + result);
            assertTrue(Double.isFinite(result.backAfterRestartMs()), "the restarted instance answers again: " + result);
            assertTrue(result.chart("failure").asJavascript("x").contains("instance killed"));
        }
    }

    @Test
    void aBurstIsMeasuredBeforeDuringAndAfter() throws Exception {
        try (HaProxy balancer = HaProxy.builder(roundRobin().build()).start();
             HttpLoadTarget target = HttpLoadTarget.builder(balancer.host(), balancer.port())
                     .paths(WorkPaths.constant(Duration.ZERO, Duration.ofMillis(1), WorkPaths.WaitIn.HANDLER)).build()) {
            Burst.Result result = Burst.run("test", target, 100, 100, Duration.ofMillis(1_500), Duration.ofMillis(500),
                    Duration.ofMillis(400), 1);
            assertTrue(result.before().count() > 0 && result.during().count() > 0 && result.after().count() > 0, result.toString());
            assertTrue(result.spike().completed() > 0, result.toString());
            assertEquals(result.baseline().completed() + result.spike().completed() + result.baseline().failed()
                    + result.spike().failed(), result.timeline().entries().size());
            assertThrows(IllegalArgumentException.class, () -> Burst.run("x", target, 10, 10, Duration.ofMillis(500),
                    Duration.ofMillis(300), Duration.ofMillis(300), 1));
        }
    }
}
