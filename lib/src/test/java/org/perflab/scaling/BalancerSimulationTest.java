package org.perflab.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.perflab.queueing.Distribution;
import org.perflab.queueing.MM1;

/**
 * The balancer simulation against queueing theory where theory has an answer, and against the
 * ordering a capacity planner expects where it does not. Every run is seeded virtual time: the
 * same numbers on every machine, so an ordering asserted with a margin cannot flake on a busy
 * machine; it fails only if the model changes. The theory checks were also run on seeds 1 to 8,
 * all within 1.5% of the formulas, so the 3% tolerance does not rest on one lucky seed.
 */
class BalancerSimulationTest {

    private static final long SEED = 42;
    private static final double TOLERANCE = 0.03;
    private static final Duration SERVICE = Duration.ofMillis(10);
    private static final double SERVICE_SEC = 0.010;

    private static BalancerComparison identicalExponentialServers(int servers, double rho, BalancingPolicy... policies) {
        return BalancerSimulation.builder().servers(servers).serviceTime(Distribution.exponential(SERVICE))
                .utilization(rho).requests(200_000).seed(SEED).policies(policies).build().run();
    }

    private static void assertWithin(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, Math.abs(expected) * relative, what);
    }

    /**
     * Mean response time of GI/M/1 whose interarrival times are Erlang-k with stage rate
     * {@code stageRatePerSec}: what one of k servers sees when a Poisson stream at that rate is
     * dealt out round robin (every k-th arrival). GI/M/1 (Kleinrock, <i>Queueing Systems</i> vol. 1,
     * section 6.4): {@code sigma} is the root in (0, 1) of {@code sigma = A*(mu (1 - sigma))}, with
     * {@code A*} the Laplace transform of the interarrival time, here {@code (lambda / (lambda + s))^k};
     * the response time is exponential with mean {@code 1 / (mu (1 - sigma))}. Iterating from 0
     * climbs monotonically to the smallest root, because the right side is increasing and convex.
     */
    static double erlangArrivalsM1MeanResponseSec(int k, double stageRatePerSec, double serviceRatePerSec) {
        double sigma = 0;
        for (int i = 0; i < 100_000; i++) {
            double next = Math.pow(stageRatePerSec / (stageRatePerSec + serviceRatePerSec * (1 - sigma)), k);
            if (Math.abs(next - sigma) < 1e-14) {
                break;
            }
            sigma = next;
        }
        return 1 / (serviceRatePerSec * (1 - sigma));
    }

    @Test
    void erlangArrivalsFormulaIsMM1ForOneServer() {
        // k = 1: sigma = lambda / (lambda + mu (1 - sigma)) has the root rho, and 1 / (mu - lambda) is M/M/1.
        assertWithin(MM1.atUtilization(0.6, SERVICE_SEC).meanResponseSec(),
                erlangArrivalsM1MeanResponseSec(1, 60, 100), 1e-9, "E_1/M/1 = M/M/1");
    }

    @Test
    void randomRoutingToIdenticalServersIsMM1PerServer() {
        // A random split of a Poisson stream is k independent Poisson streams: k separate M/M/1 queues.
        BalancerResult random = identicalExponentialServers(4, 0.6, BalancingPolicy.RANDOM).get(BalancingPolicy.RANDOM);
        MM1 theory = MM1.atUtilization(0.6, SERVICE_SEC);
        String report = random.toString();

        assertWithin(theory.meanResponseSec(), random.meanResponseSec(), TOLERANCE, report);
        // M/M/1 response time is exponential; HdrHistogram adds up to 0.1%.
        assertWithin(theory.responseTimeAtPercentileSec(50) * 1e3, random.responseTime().p50Millis(), 0.031, report);
        assertWithin(theory.responseTimeAtPercentileSec(99) * 1e3, random.responseTime().p99Millis(), 0.031, report);
        for (int s = 0; s < 4; s++) {
            assertEquals(0.25, random.requestShare()[s], 0.01, report);
            assertWithin(0.6, random.utilization()[s], TOLERANCE, report);
        }
        assertEquals(200_000, random.requests());
        assertEquals(200_000, random.responseTime().count());
    }

    @Test
    void roundRobinIsErlangArrivalsPerServerAndBeatsRandom() {
        int k = 4;
        double rho = 0.6;
        BalancerComparison both = identicalExponentialServers(k, rho, BalancingPolicy.ROUND_ROBIN, BalancingPolicy.RANDOM);
        BalancerResult roundRobin = both.get(BalancingPolicy.ROUND_ROBIN);
        double mu = 1 / SERVICE_SEC;
        double expected = erlangArrivalsM1MeanResponseSec(k, k * rho * mu, mu);
        double mm1 = MM1.atUtilization(rho, SERVICE_SEC).meanResponseSec();

        assertWithin(expected, roundRobin.meanResponseSec(), TOLERANCE, both.toString());
        // Theory: 17.3 ms against M/M/1's 25 ms. Regular gaps queue less than Poisson gaps.
        assertTrue(expected < 0.75 * mm1, "E_4/M/1 " + expected + " vs M/M/1 " + mm1);
        assertTrue(roundRobin.meanResponseSec() < 0.8 * both.get(BalancingPolicy.RANDOM).meanResponseSec(),
                both.toString());
        for (int s = 0; s < k; s++) {
            assertEquals(0.25, roundRobin.requestShare()[s], 1e-4, "round robin deals exactly in turn");
        }
    }

    /** Nine servers at full speed and one at half, at half the fleet's capacity. */
    private static BalancerComparison unevenFleet(Distribution service) {
        List<SimulatedServer> fleet = new ArrayList<>(Collections.nCopies(9, SimulatedServer.standard()));
        fleet.add(SimulatedServer.standard().withSpeed(0.5));
        return BalancerSimulation.builder().servers(fleet).serviceTime(service).utilization(0.5).seed(SEED)
                .policies(BalancingPolicy.ROUND_ROBIN, BalancingPolicy.LEAST_CONNECTIONS,
                        BalancingPolicy.POWER_OF_TWO_CHOICES)
                .build().run();
    }

    private static void assertOutstandingAwarePoliciesKeepTheTailDown(BalancerComparison comparison) {
        String report = comparison.toString();
        BalancerResult roundRobin = comparison.get(BalancingPolicy.ROUND_ROBIN);
        BalancerResult leastConnections = comparison.get(BalancingPolicy.LEAST_CONNECTIONS);
        BalancerResult twoChoices = comparison.get(BalancingPolicy.POWER_OF_TWO_CHOICES);
        // Round robin gives the half-speed server a tenth of the traffic, 95% of what it can do, and
        // its queue sets the tail. The other two see that queue and send less there. The seeded runs
        // differ by 9 to 25 times at p99; a factor of 2 is the margin.
        assertTrue(2 * leastConnections.responseTime().p99Nanos() < roundRobin.responseTime().p99Nanos(), report);
        assertTrue(2 * twoChoices.responseTime().p99Nanos() < roundRobin.responseTime().p99Nanos(), report);
        assertTrue(roundRobin.utilization()[9] > 0.9, report);
        assertTrue(leastConnections.requestShare()[9] < 0.08, report);
        assertTrue(twoChoices.requestShare()[9] < 0.08, report);
    }

    @Test
    void outstandingAwarePoliciesBeatRoundRobinOnAnUnevenFleetWithLongTailedWork() {
        assertOutstandingAwarePoliciesKeepTheTailDown(unevenFleet(Distribution.lognormal(SERVICE, 1.5)));
    }

    @Test
    void outstandingAwarePoliciesBeatRoundRobinOnAnUnevenFleetWithBimodalWork() {
        assertOutstandingAwarePoliciesKeepTheTailDown(
                unevenFleet(Distribution.bimodal(Duration.ofMillis(5), Duration.ofMillis(100), 0.05)));
    }

    @Test
    void ipHashPinsEveryClientToOneServer() {
        BalancerComparison comparison = BalancerSimulation.builder().servers(8).clients(200)
                .serviceTime(Distribution.exponential(SERVICE)).utilization(0.3).requests(20_000).seed(SEED)
                .policies(BalancingPolicy.IP_HASH, BalancingPolicy.ROUND_ROBIN, BalancingPolicy.RANDOM)
                .build().run();

        assertEquals(1.0, comparison.get(BalancingPolicy.IP_HASH).clientAffinity(), comparison.toString());
        // A hundred requests per client: staying on one server by chance is (1/8)^99.
        assertEquals(0.0, comparison.get(BalancingPolicy.ROUND_ROBIN).clientAffinity(), comparison.toString());
        assertEquals(0.0, comparison.get(BalancingPolicy.RANDOM).clientAffinity(), comparison.toString());
        for (double share : comparison.get(BalancingPolicy.IP_HASH).requestShare()) {
            assertTrue(share > 0, "200 clients hashed over 8 servers reach every server: " + comparison);
        }
    }

    @Test
    void weightedRoundRobinSharesMatchTheWeights() {
        List<SimulatedServer> fleet = List.of(
                new SimulatedServer(5, 1, 5), new SimulatedServer(3, 1, 3), new SimulatedServer(2, 1, 2));
        BalancerResult weighted = BalancerSimulation.builder().servers(fleet)
                .serviceTime(Distribution.exponential(SERVICE)).utilization(0.6).seed(SEED)
                .policies(BalancingPolicy.WEIGHTED_ROUND_ROBIN).build().run().get(BalancingPolicy.WEIGHTED_ROUND_ROBIN);

        double[] share = weighted.requestShare();
        assertEquals(0.5, share[0], 0.01, weighted.toString());
        assertEquals(0.3, share[1], 0.01, weighted.toString());
        assertEquals(0.2, share[2], 0.01, weighted.toString());
        // Weights match speeds here, so every server is equally busy.
        for (double utilization : weighted.utilization()) {
            assertWithin(0.6, utilization, TOLERANCE, weighted.toString());
        }
    }

    @Test
    void sameSeedSameTrafficSameNumbers() {
        BalancerSimulation simulation = BalancerSimulation.builder().servers(5)
                .serviceTime(Distribution.lognormal(SERVICE, 1.0)).arrivalRatePerSec(300).requests(10_000).seed(7)
                .build();
        BalancerComparison first = simulation.run();
        BalancerComparison second = simulation.run();
        for (BalancingPolicy policy : BalancingPolicy.values()) {
            assertEquals(first.get(policy).responseTime(), second.get(policy).responseTime());
            assertEquals(first.get(policy).responseTime(), simulation.run(policy).responseTime());
        }
        assertEquals(BalancingPolicy.values().length, first.latencyTable().rowCount());
        assertEquals(BalancingPolicy.values().length * 5, first.serverTable().rowCount());
        assertEquals(7, first.seed());
        assertEquals(300 * SERVICE_SEC / 5, simulation.offeredUtilization(), 1e-9);
    }

    @Test
    void rejectsASetupThatCannotRun() {
        assertThrows(IllegalStateException.class, () -> BalancerSimulation.builder().servers(2).utilization(0.5).build());
        assertThrows(IllegalStateException.class, () -> BalancerSimulation.builder().servers(2)
                .serviceTime(Distribution.exponential(SERVICE)).build());
        IllegalStateException both = assertThrows(IllegalStateException.class, () -> BalancerSimulation.builder()
                .servers(2).serviceTime(Distribution.exponential(SERVICE)).utilization(0.5).arrivalRatePerSec(10).build());
        assertTrue(both.getMessage().contains("was set by both: drop one of the two calls"), both.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BalancerSimulation.builder().utilization(1.0));
        IllegalArgumentException overCapacity = assertThrows(IllegalArgumentException.class,
                () -> BalancerSimulation.builder().servers(2).serviceTime(Distribution.exponential(SERVICE))
                        .arrivalRatePerSec(250).build());
        assertTrue(overCapacity.getMessage().startsWith("arrivalRatePerSec must be below the fleet's capacity of 200"),
                overCapacity.getMessage());
        assertTrue(overCapacity.getMessage().contains("was 250.0: "), overCapacity.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BalancerSimulation.builder().servers(List.of()));
        assertThrows(IllegalArgumentException.class, () -> BalancerSimulation.builder().clients(0));
        assertThrows(IllegalArgumentException.class, () -> BalancerSimulation.builder().requests(10));
        assertThrows(IllegalArgumentException.class, () -> SimulatedServer.standard().withSpeed(0));
        assertThrows(IllegalArgumentException.class, () -> SimulatedServer.standard().withWorkers(0));
        IllegalArgumentException weight = assertThrows(IllegalArgumentException.class,
                () -> SimulatedServer.standard().withWeight(0));
        assertTrue(weight.getMessage().startsWith("weight must be >= 1, was 0: "), weight.getMessage());
        IllegalArgumentException notRun = assertThrows(IllegalArgumentException.class,
                () -> identicalExponentialServers(2, 0.5, BalancingPolicy.RANDOM).get(BalancingPolicy.IP_HASH));
        assertTrue(notRun.getMessage().contains("[RANDOM]"), notRun.getMessage());
    }
}
