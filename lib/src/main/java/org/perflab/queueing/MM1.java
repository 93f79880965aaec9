package org.perflab.queueing;

import java.util.Locale;
import org.perflab.check.Require;

/**
 * M/M/1: Poisson arrivals, exponential service times, one server, first come first served,
 * unlimited queue. Times in seconds, rates per second; every result is the steady-state value.
 *
 * <p>Source: L. Kleinrock, <i>Queueing Systems, Volume 1: Theory</i> (Wiley, 1975), section 3.2;
 * M. Harchol-Balter, <i>Performance Modeling and Design of Computer Systems</i> (Cambridge, 2013),
 * chapter 13. With utilization {@code rho = lambda x S}:
 * mean response {@code S / (1 - rho)}, mean number in system {@code rho / (1 - rho)}, mean number
 * waiting {@code rho^2 / (1 - rho)}; the response time is exponentially distributed, so its
 * percentile {@code p} is {@code -ln(1 - p) x mean response}.
 *
 * <p>Surprise: response time is not proportional to load. At rho = 0.5 it is 2 x S, at 0.8 it is
 * 5 x S, at 0.9 it is 10 x S, and p99 is 4.6 x the mean at every load.
 *
 * @throws IllegalArgumentException when a value is not positive and finite, or rho >= 1
 */
public record MM1(double arrivalRatePerSec, double meanServiceSec) {

    public MM1 {
        Require.positiveFinite("arrivalRatePerSec", arrivalRatePerSec, "give the mean arrivals per second, e.g. 100");
        Require.positiveFinite("meanServiceSec", meanServiceSec, "give the mean service time in seconds, e.g. 0.005 for 5 ms");
        SteadyState.requireStable(arrivalRatePerSec * meanServiceSec, String.format(Locale.ROOT,
                "arrivalRatePerSec %s x meanServiceSec %s", arrivalRatePerSec, meanServiceSec));
    }

    public static MM1 of(double arrivalRatePerSec, double meanServiceSec) {
        return new MM1(arrivalRatePerSec, meanServiceSec);
    }

    /** The M/M/1 whose server is busy {@code utilization} of the time. */
    public static MM1 atUtilization(double utilization, double meanServiceSec) {
        Require.positiveFinite("utilization", utilization, "give the busy share of each server, e.g. 0.7");
        SteadyState.requireStable(utilization, "given");
        return new MM1(utilization / Require.positiveFinite("meanServiceSec", meanServiceSec, "give the mean service time in seconds, e.g. 0.005 for 5 ms"), meanServiceSec);
    }

    /** rho = lambda x S: the fraction of time the server is busy. */
    public double utilization() {
        return arrivalRatePerSec * meanServiceSec;
    }

    /** S / (1 - rho): waiting plus service. */
    public double meanResponseSec() {
        return meanServiceSec / (1 - utilization());
    }

    /** rho x S / (1 - rho): time in the queue before service starts. */
    public double meanWaitSec() {
        return meanResponseSec() - meanServiceSec;
    }

    /** -ln(1 - p/100) x mean response: the response time is exponential with that mean. */
    public double responseTimeAtPercentileSec(double percentile) {
        return -Math.log1p(-SteadyState.requirePercentile(percentile) / 100) * meanResponseSec();
    }

    /** rho / (1 - rho): waiting and in service, time-averaged. */
    public double meanNumberInSystem() {
        return utilization() / (1 - utilization());
    }

    /** rho^2 / (1 - rho): waiting only, time-averaged. */
    public double meanQueueLength() {
        double rho = utilization();
        return rho * rho / (1 - rho);
    }
}
