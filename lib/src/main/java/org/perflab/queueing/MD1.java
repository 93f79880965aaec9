package org.perflab.queueing;

import java.util.Locale;
import org.perflab.check.Require;

/**
 * M/D/1: Poisson arrivals, every service taking exactly {@code S}, one server, first come first
 * served. Times in seconds, rates per second.
 *
 * <p>Source: the Pollaczek-Khinchine formula for M/G/1 (F. Pollaczek, 1930; A. Y. Khinchine,
 * 1932), in Kleinrock, <i>Queueing Systems, Volume 1</i> (1975), section 5.6: mean wait
 * {@code lambda x E[S^2] / (2 (1 - rho))}. With a constant service time {@code E[S^2] = S^2}, so
 * the wait is {@code rho x S / (2 (1 - rho))}: exactly half the M/M/1 wait at the same load.
 *
 * <p>Surprise: removing all service-time variance only halves the waiting. The randomness of
 * arrivals alone is enough to build queues.
 *
 * @throws IllegalArgumentException when a value is not positive and finite, or rho >= 1
 */
public record MD1(double arrivalRatePerSec, double serviceSec) {

    public MD1 {
        Require.positiveFinite("arrivalRatePerSec", arrivalRatePerSec, "give the mean arrivals per second, e.g. 100");
        Require.positiveFinite("serviceSec", serviceSec, "give the service time in seconds, e.g. 0.005 for 5 ms");
        SteadyState.requireStable(arrivalRatePerSec * serviceSec, String.format(Locale.ROOT,
                "arrivalRatePerSec %s x serviceSec %s", arrivalRatePerSec, serviceSec));
    }

    public static MD1 of(double arrivalRatePerSec, double serviceSec) {
        return new MD1(arrivalRatePerSec, serviceSec);
    }

    public static MD1 atUtilization(double utilization, double serviceSec) {
        Require.positiveFinite("utilization", utilization, "give the busy share of each server, e.g. 0.7");
        SteadyState.requireStable(utilization, "given");
        return new MD1(utilization / Require.positiveFinite("serviceSec", serviceSec, "give the service time in seconds, e.g. 0.005 for 5 ms"), serviceSec);
    }

    public double utilization() {
        return arrivalRatePerSec * serviceSec;
    }

    /** Pollaczek-Khinchine with zero service variance: rho x S / (2 (1 - rho)). */
    public double meanWaitSec() {
        double rho = utilization();
        return rho * serviceSec / (2 * (1 - rho));
    }

    public double meanResponseSec() {
        return serviceSec + meanWaitSec();
    }

    /** rho^2 / (2 (1 - rho)), by Little's law on the wait. */
    public double meanQueueLength() {
        return arrivalRatePerSec * meanWaitSec();
    }

    public double meanNumberInSystem() {
        return meanQueueLength() + utilization();
    }
}
