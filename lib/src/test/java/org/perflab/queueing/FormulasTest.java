package org.perflab.queueing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FormulasTest {

    private static final double EXACT = 1e-12;

    @Test
    void mm1AtHalfLoadDoublesTheServiceTime() {
        MM1 queue = MM1.atUtilization(0.5, 1.0);

        assertEquals(0.5, queue.arrivalRatePerSec(), EXACT);
        assertEquals(2.0, queue.meanResponseSec(), EXACT);
        assertEquals(1.0, queue.meanWaitSec(), EXACT);
        assertEquals(1.0, queue.meanNumberInSystem(), EXACT);
        assertEquals(0.5, queue.meanQueueLength(), EXACT);
        // Exponential response time: p50 = ln 2 x mean, p99 = ln 100 x mean.
        assertEquals(Math.log(2) * 2, queue.responseTimeAtPercentileSec(50), EXACT);
        assertEquals(Math.log(100) * 2, queue.responseTimeAtPercentileSec(99), 1e-9);
    }

    @Test
    void mm1ResponseTimeExplodesNearFullLoad() {
        assertEquals(5.0, MM1.atUtilization(0.8, 1).meanResponseSec(), 1e-9);
        assertEquals(10.0, MM1.atUtilization(0.9, 1).meanResponseSec(), 1e-9);
        assertEquals(100.0, MM1.atUtilization(0.99, 1).meanResponseSec(), 1e-6);
        // Rates and times in seconds: 80 requests/s at 10 ms each is rho = 0.8, so 50 ms.
        assertEquals(0.050, MM1.of(80, 0.010).meanResponseSec(), 1e-12);
    }

    @Test
    void md1WaitsHalfAsLongAsMm1() {
        MD1 queue = MD1.atUtilization(0.5, 1.0);

        assertEquals(0.5, queue.meanWaitSec(), EXACT);
        assertEquals(1.5, queue.meanResponseSec(), EXACT);
        assertEquals(0.25, queue.meanQueueLength(), EXACT);
        assertEquals(0.75, queue.meanNumberInSystem(), EXACT);
        assertEquals(MM1.atUtilization(0.8, 1).meanWaitSec() / 2, MD1.atUtilization(0.8, 1).meanWaitSec(), 1e-9);
    }

    @Test
    void erlangCMatchesKnownValues() {
        // One server: an arrival waits exactly when the server is busy, probability rho.
        assertEquals(0.7, MMc.atUtilization(1, 0.7, 1).probabilityOfWaiting(), 1e-12);
        // Two servers, one erlang: C = (1/2 x 2) / (1 + 1 + 1) = 1/3.
        MMc two = MMc.of(2, 1.0, 1.0);
        assertEquals(1.0 / 3, two.probabilityOfWaiting(), 1e-12);
        assertEquals(1 + (1.0 / 3) / (2 * 0.5), two.meanResponseSec(), 1e-12);
        // Four servers at rho 0.8 (a = 3.2 erlangs), worked by hand: 21.8453 / 36.6267 = 0.59643.
        MMc four = MMc.atUtilization(4, 0.8, 1.0);
        assertEquals(0.59643, four.probabilityOfWaiting(), 1e-5);
        assertEquals(1.7455, four.meanResponseSec(), 1e-4);
        // Erlang's tables: 10 servers offered 8 erlangs wait with probability 0.409.
        assertEquals(0.409, MMc.of(10, 8, 1).probabilityOfWaiting(), 5e-4);
    }

    @Test
    void erlangCAgreesWithTheFactorialFormula() {
        int[] servers = {1, 2, 3, 5, 10, 20, 50};
        double[] utilizations = {0.1, 0.5, 0.8, 0.95};
        for (int c : servers) {
            for (double rho : utilizations) {
                double a = rho * c;
                assertEquals(erlangCByFactorials(c, a), MMc.of(c, a, 1.0).probabilityOfWaiting(), 1e-9,
                        "c=" + c + " rho=" + rho);
            }
        }
    }

    /** The textbook form, independent of the Erlang B recursion under test. */
    private static double erlangCByFactorials(int c, double a) {
        double sum = 0;
        double term = 1;
        for (int k = 0; k < c; k++) {
            sum += term;
            term = term * a / (k + 1);
        }
        double top = term * c / (c - a);
        return top / (sum + top);
    }

    @Test
    void mmcWaitPercentilesStartAtZeroForRequestsThatNeverWait() {
        MMc two = MMc.of(2, 1.0, 1.0);
        // Two thirds never wait, so the median wait is zero.
        assertEquals(0, two.waitTimeAtPercentileSec(50), EXACT);
        // P(W > t) = (1/3) e^{-(2 - 1) t} = 0.01 at t = ln(33.3).
        assertEquals(Math.log((1.0 / 3) / 0.01), two.waitTimeAtPercentileSec(99), 1e-9);
        assertEquals(MMc.atUtilization(4, 0.8, 1).meanNumberInSystem(),
                LittlesLaw.meanNumberInSystem(3.2, MMc.atUtilization(4, 0.8, 1).meanResponseSec()), 1e-12);
    }

    @Test
    void littlesLawSizesAPool() {
        assertEquals(100, LittlesLaw.meanNumberInSystem(500, 0.2), 1e-9);
        assertEquals(0.2, LittlesLaw.meanTimeInSystemSec(100, 500), 1e-12);
        assertEquals(500, LittlesLaw.arrivalRatePerSec(100, 0.2), 1e-9);
        assertEquals(0.1, LittlesLaw.relativeError(110, 500, 0.2), 1e-12);
    }

    @Test
    void unstableAndImpossibleValuesAreRejectedByName() {
        IllegalArgumentException full = assertThrows(IllegalArgumentException.class, () -> MM1.of(100, 0.01));
        assertTrue(full.getMessage().contains("utilization must be < 1"), full.getMessage());
        assertTrue(full.getMessage().contains("1.0000"), full.getMessage());
        assertTrue(full.getMessage().contains("arrivalRatePerSec 100.0 x meanServiceSec 0.01"), full.getMessage());

        IllegalArgumentException overloaded = assertThrows(IllegalArgumentException.class,
                () -> MMc.of(4, 500, 0.01));
        assertTrue(overloaded.getMessage().contains("1.2500"), overloaded.getMessage());
        assertTrue(overloaded.getMessage().contains("servers 4"), overloaded.getMessage());

        assertThrows(IllegalArgumentException.class, () -> MD1.atUtilization(1.0, 1));
        IllegalArgumentException noServers = assertThrows(IllegalArgumentException.class, () -> MMc.of(0, 1, 1));
        assertEquals("servers must be >= 1, was 0: give at least one server", noServers.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> MM1.of(-1, 1));
        assertEquals("arrivalRatePerSec must be > 0 and finite, was -1.0: give the mean arrivals per second, e.g. 100", negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MM1.of(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> MM1.atUtilization(0.5, 1).responseTimeAtPercentileSec(100));
        assertThrows(IllegalArgumentException.class, () -> LittlesLaw.meanTimeInSystemSec(1, 0));
    }
}
