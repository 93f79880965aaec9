package org.perflab.queueing;

import java.util.Locale;
import org.perflab.check.Require;

/**
 * M/M/c: Poisson arrivals, exponential service, {@code c} identical servers fed by <b>one shared
 * queue</b>. Times in seconds, rates per second.
 *
 * <p>Source: the Erlang C formula (A. K. Erlang, 1917), in Kleinrock, <i>Queueing Systems, Volume
 * 1</i> (1975), section 3.5, and Harchol-Balter (2013), chapter 14. With offered load
 * {@code a = lambda x S} erlangs and utilization {@code rho = a / c}: the probability an arrival
 * must wait is {@code C(c, a)}, its mean wait {@code C(c, a) x S / (c (1 - rho))}, and waits beyond
 * zero are exponential with rate {@code c / S - lambda}. {@code C(c, a)} is computed from the Erlang
 * B recursion {@code B(k) = a B(k-1) / (k + a B(k-1))}, {@code C = c B / (c - a (1 - B))}, which
 * stays accurate for thousands of servers where factorials would overflow.
 *
 * <p>Surprise: at rho = 0.8, four servers sharing one queue answer in about 1.75 x S on average;
 * the same four servers with a queue each (four M/M/1s) take 5 x S. Sharing the queue, not adding
 * servers, is what removes most of the waiting.
 *
 * @throws IllegalArgumentException when a value is not positive, or rho >= 1
 */
public record MMc(int servers, double arrivalRatePerSec, double meanServiceSec) {

    public MMc {
        Require.atLeast("servers", servers, 1, "give at least one server");
        Require.positiveFinite("arrivalRatePerSec", arrivalRatePerSec, "give the mean arrivals per second, e.g. 100");
        Require.positiveFinite("meanServiceSec", meanServiceSec, "give the mean service time in seconds, e.g. 0.005 for 5 ms");
        SteadyState.requireStable(arrivalRatePerSec * meanServiceSec / servers, String.format(Locale.ROOT,
                "arrivalRatePerSec %s x meanServiceSec %s / servers %d", arrivalRatePerSec, meanServiceSec, servers));
    }

    public static MMc of(int servers, double arrivalRatePerSec, double meanServiceSec) {
        return new MMc(servers, arrivalRatePerSec, meanServiceSec);
    }

    /** The M/M/c whose servers are each busy {@code utilization} of the time. */
    public static MMc atUtilization(int servers, double utilization, double meanServiceSec) {
        Require.atLeast("servers", servers, 1, "give at least one server");
        Require.positiveFinite("utilization", utilization, "give the busy share of each server, e.g. 0.7");
        SteadyState.requireStable(utilization, "given");
        return new MMc(servers, utilization * servers / Require.positiveFinite("meanServiceSec", meanServiceSec, "give the mean service time in seconds, e.g. 0.005 for 5 ms"),
                meanServiceSec);
    }

    /** a = lambda x S, in erlangs: how many servers the load would keep busy on average. */
    public double offeredLoadErlangs() {
        return arrivalRatePerSec * meanServiceSec;
    }

    /** rho = a / c: the fraction of time each server is busy. */
    public double utilization() {
        return offeredLoadErlangs() / servers;
    }

    /** Erlang C: the probability that an arriving request finds every server busy and waits. */
    public double probabilityOfWaiting() {
        double a = offeredLoadErlangs();
        double erlangB = 1;
        for (int k = 1; k <= servers; k++) {
            erlangB = a * erlangB / (k + a * erlangB);
        }
        return servers * erlangB / (servers - a * (1 - erlangB));
    }

    /** C(c, a) x S / (c (1 - rho)). */
    public double meanWaitSec() {
        return probabilityOfWaiting() * meanServiceSec / (servers * (1 - utilization()));
    }

    public double meanResponseSec() {
        return meanServiceSec + meanWaitSec();
    }

    /**
     * The wait (not response) time at a percentile: zero when the percentile falls among the
     * requests that never wait, else {@code ln(C / (1 - p)) / (c / S - lambda)}.
     */
    public double waitTimeAtPercentileSec(double percentile) {
        double tailProbability = 1 - SteadyState.requirePercentile(percentile) / 100;
        double waiting = probabilityOfWaiting();
        if (tailProbability >= waiting) {
            return 0;
        }
        return Math.log(waiting / tailProbability) / (servers / meanServiceSec - arrivalRatePerSec);
    }

    /** Requests waiting (not in service), time-averaged: lambda x mean wait, by Little's law. */
    public double meanQueueLength() {
        return arrivalRatePerSec * meanWaitSec();
    }

    public double meanNumberInSystem() {
        return arrivalRatePerSec * meanResponseSec();
    }
}
