package org.perflab.queueing;

import org.perflab.check.Require;

/**
 * Little's law, {@code L = lambda x W}: the mean number of requests in a system equals their
 * arrival rate times their mean time in it. Holds for any stable system over a long enough window,
 * whatever the arrival pattern, service distribution, number of servers or queue discipline, which
 * makes it the first check on any measurement.
 *
 * <p>Source: J. D. C. Little, "A Proof for the Queuing Formula: L = lambda W", <i>Operations
 * Research</i> 9(3), 1961, pp. 383-387.
 *
 * <p>Use it to size things: a server taking 200 ms per request at 500 requests per second holds
 * 100 requests at once, so a pool of 20 connections or threads cannot carry that load.
 */
public final class LittlesLaw {

    private LittlesLaw() {
    }

    /** L = lambda x W. */
    public static double meanNumberInSystem(double arrivalRatePerSec, double meanTimeInSystemSec) {
        return nonNegative("arrivalRatePerSec", arrivalRatePerSec)
                * nonNegative("meanTimeInSystemSec", meanTimeInSystemSec);
    }

    /** W = L / lambda. */
    public static double meanTimeInSystemSec(double meanNumberInSystem, double arrivalRatePerSec) {
        return nonNegative("meanNumberInSystem", meanNumberInSystem)
                / Require.positiveFinite("arrivalRatePerSec", arrivalRatePerSec, "give the mean arrivals per second, e.g. 100");
    }

    /** lambda = L / W. */
    public static double arrivalRatePerSec(double meanNumberInSystem, double meanTimeInSystemSec) {
        return nonNegative("meanNumberInSystem", meanNumberInSystem)
                / Require.positiveFinite("meanTimeInSystemSec", meanTimeInSystemSec, "give the mean time in the system in seconds, e.g. 0.02");
    }

    /**
     * How far three measurements are from obeying the law: {@code |L - lambda W| / (lambda W)}.
     * A few percent is window-edge noise; more means one of the three was measured wrong.
     */
    public static double relativeError(double meanNumberInSystem, double arrivalRatePerSec,
                                       double meanTimeInSystemSec) {
        double predicted = meanNumberInSystem(arrivalRatePerSec, meanTimeInSystemSec);
        return Math.abs(nonNegative("meanNumberInSystem", meanNumberInSystem) - predicted) / predicted;
    }

    private static double nonNegative(String property, double value) {
        return Require.nonNegativeFinite(property, value, "give the measured mean, 0 or more");
    }
}
