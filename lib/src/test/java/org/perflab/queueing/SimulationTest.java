package org.perflab.queueing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The simulation against the formulas, a million requests each, seeded so every run of this test
 * sees the same numbers. Each takes about a tenth of a second.
 */
class SimulationTest {

    private static final long SEED = 42;
    private static final double TOLERANCE = 0.03;
    private static final Duration SERVICE = Duration.ofMillis(10);
    private static final double SERVICE_SEC = 0.010;

    private static SimulationResult simulate(int servers, QueueLayout layout, Distribution service, double rho) {
        return Simulation.builder().servers(servers).layout(layout).serviceTime(service).utilization(rho)
                .requests(1_000_000).seed(SEED).build().run();
    }

    private static void assertWithin(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, Math.abs(expected) * relative, what);
    }

    @Test
    void mm1MatchesTheFormula() {
        SimulationResult result = simulate(1, QueueLayout.SHARED_QUEUE, Distribution.exponential(SERVICE), 0.5);
        MM1 theory = MM1.atUtilization(0.5, SERVICE_SEC);

        String report = result.toString();
        assertWithin(theory.meanResponseSec(), result.meanResponseSec(), TOLERANCE, report);
        assertWithin(theory.meanWaitSec(), result.meanWaitSec(), TOLERANCE, report);
        assertWithin(theory.meanQueueLength(), result.meanQueueLength(), TOLERANCE, report);
        assertWithin(theory.meanNumberInSystem(), result.meanNumberInSystem(), TOLERANCE, report);
        assertWithin(0.5, result.utilization(), 0.01, report);
        // Percentiles from HdrHistogram: the formula's tolerance plus the histogram's 0.1%.
        assertWithin(theory.responseTimeAtPercentileSec(50) * 1e3, result.responseTime().p50Millis(), 0.031, report);
        assertWithin(theory.responseTimeAtPercentileSec(99) * 1e3, result.responseTime().p99Millis(), 0.031, report);
        assertTrue(result.littlesLawRelativeError() < 0.01, report);
    }

    @Test
    void md1MatchesPollaczekKhinchine() {
        SimulationResult result = simulate(1, QueueLayout.SHARED_QUEUE, Distribution.deterministic(SERVICE), 0.7);
        MD1 theory = MD1.atUtilization(0.7, SERVICE_SEC);

        assertWithin(theory.meanResponseSec(), result.meanResponseSec(), TOLERANCE, result.toString());
        assertWithin(theory.meanQueueLength(), result.meanQueueLength(), TOLERANCE, result.toString());
        // Every service is exactly 10 ms, so nobody responds faster.
        assertTrue(result.responseTime().p50Nanos() >= SERVICE.toNanos());
    }

    @Test
    void sharedQueueBeatsPartitionedQueuesAtTheSameLoad() {
        Distribution exponential = Distribution.exponential(SERVICE);
        SimulationResult shared = simulate(4, QueueLayout.SHARED_QUEUE, exponential, 0.8);
        SimulationResult random = simulate(4, QueueLayout.PARTITIONED_RANDOM, exponential, 0.8);

        // M/M/4 by Erlang C: about 1.75 x S.
        assertWithin(MMc.atUtilization(4, 0.8, SERVICE_SEC).meanResponseSec(), shared.meanResponseSec(), TOLERANCE,
                shared.toString());
        assertWithin(1.75 * SERVICE_SEC, shared.meanResponseSec(), TOLERANCE, shared.toString());
        // Four independent M/M/1 queues: 5 x S.
        assertWithin(5 * SERVICE_SEC, random.meanResponseSec(), TOLERANCE, random.toString());
        assertWithin(0.8, shared.utilization(), 0.01, shared.toString());
        assertWithin(0.8, random.utilization(), 0.01, random.toString());
    }

    @Test
    void roundRobinPartitioningIsAnErlangKArrivalQueue() {
        SimulationResult roundRobin = simulate(4, QueueLayout.PARTITIONED_ROUND_ROBIN,
                Distribution.exponential(SERVICE), 0.8);

        // Each queue gets every 4th Poisson arrival: Erlang-4 gaps, an E4/M/1 queue. G/M/1 theory
        // (Kleinrock vol. 1, section 6.4): W = S / (1 - sigma), sigma the root in (0, 1) of
        // sigma = A*(mu (1 - sigma)), with A*(s) = (k lambda / (k lambda + s))^k the gaps' transform.
        double perQueueRate = 0.8 / SERVICE_SEC;
        double mu = 1 / SERVICE_SEC;
        double sigma = 0.5;
        for (int i = 0; i < 200; i++) {
            sigma = Math.pow(4 * perQueueRate / (4 * perQueueRate + mu * (1 - sigma)), 4);
        }
        double theory = SERVICE_SEC / (1 - sigma);

        assertWithin(theory, roundRobin.meanResponseSec(), TOLERANCE, roundRobin.toString());
        assertTrue(theory > 3 * SERVICE_SEC && theory < 3.5 * SERVICE_SEC, "E4/M/1 theory " + theory);
    }

    @Test
    void leastLoadedRoutingLandsBetweenSharedAndRandom() {
        Distribution exponential = Distribution.exponential(SERVICE);
        SimulationResult leastLoaded = simulate(4, QueueLayout.PARTITIONED_LEAST_LOADED, exponential, 0.8);

        assertTrue(leastLoaded.meanResponseSec() > 1.7 * SERVICE_SEC, leastLoaded.toString());
        assertTrue(leastLoaded.meanResponseSec() < 3 * SERVICE_SEC, leastLoaded.toString());
    }

    @Test
    void theSameSeedRepeatsTheRunExactly() {
        Simulation.Builder builder = Simulation.builder().serviceTime(Distribution.lognormal(SERVICE, 1.0))
                .utilization(0.6).requests(10_000);
        SimulationResult first = builder.seed(7).build().run();
        SimulationResult again = builder.seed(7).build().run();
        SimulationResult other = builder.seed(8).build().run();

        assertEquals(first.meanResponseSec(), again.meanResponseSec(), 0.0);
        assertEquals(first.responseTime(), again.responseTime());
        assertNotEquals(first.meanResponseSec(), other.meanResponseSec());
        assertTrue(first.toString().contains("seed 7"), first.toString());
        assertEquals(7, first.seed());
    }

    @Test
    void invalidSetupsAreRejectedAtBuild() {
        IllegalArgumentException overloaded = assertThrows(IllegalArgumentException.class,
                () -> Simulation.builder().servers(2).serviceTime(Distribution.exponential(SERVICE))
                        .arrivalRatePerSec(250).build());
        assertTrue(overloaded.getMessage().contains("utilization must be < 1 for a stable queue, was 1.2500"),
                overloaded.getMessage());
        assertThrows(IllegalStateException.class,
                () -> Simulation.builder().utilization(0.5).build());
        IllegalStateException twoWays = assertThrows(IllegalStateException.class,
                () -> Simulation.builder().serviceTime(Distribution.exponential(SERVICE)).utilization(0.5)
                        .arrivalRatePerSec(10).build());
        assertTrue(twoWays.getMessage().contains("exactly one"), twoWays.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Simulation.builder().requests(10));
    }
}
