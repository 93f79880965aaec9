package org.perflab.scaling;

import java.util.Locale;
import java.util.StringJoiner;
import org.HdrHistogram.Histogram;
import org.perflab.latency.LatencySummary;

/**
 * What one {@link BalancingPolicy} did in a {@link BalancerSimulation}, over the measurement window
 * (after warm-up), in virtual time. Response time runs from arrival at the balancer to the end of
 * service, queueing at the server included.
 *
 * @param policy            the policy
 * @param requests          requests measured (warm-up excluded)
 * @param responseTime      response times in nanoseconds, with the count, from HdrHistogram
 * @param meanResponseSec   the exact mean response time (not from histogram buckets)
 * @param requestShare      per server, the fraction of measured requests sent to it
 * @param utilization       per server, busy worker time / (workers x window): near 1 means the
 *                          policy overloads that server and its queue grows for as long as the run
 * @param clientAffinity    the fraction of clients whose every measured request went to one server:
 *                          1 for {@link BalancingPolicy#IP_HASH}, near 0 for policies that ignore
 *                          the client when clients send many requests each
 * @param simulatedSec      length of the measurement window in simulated seconds
 * @param responseHistogram response times in nanoseconds; the accessor returns a copy
 */
public record BalancerResult(BalancingPolicy policy, long requests, LatencySummary responseTime,
                             double meanResponseSec, double[] requestShare, double[] utilization,
                             double clientAffinity, double simulatedSec, Histogram responseHistogram) {

    public BalancerResult {
        requestShare = requestShare.clone();
        utilization = utilization.clone();
        responseHistogram = responseHistogram.copy();
    }

    @Override
    public double[] requestShare() {
        return requestShare.clone();
    }

    @Override
    public double[] utilization() {
        return utilization.clone();
    }

    @Override
    public Histogram responseHistogram() {
        return responseHistogram.copy();
    }

    /** The busiest server's utilization: the one whose queue decides the tail. */
    public double maxUtilization() {
        double max = 0;
        for (double u : utilization) {
            max = Math.max(max, u);
        }
        return max;
    }

    @Override
    public String toString() {
        StringJoiner shares = new StringJoiner(" ");
        StringJoiner busy = new StringJoiner(" ");
        for (int s = 0; s < requestShare.length; s++) {
            shares.add(String.format(Locale.ROOT, "%.3f", requestShare[s]));
            busy.add(String.format(Locale.ROOT, "%.3f", utilization[s]));
        }
        return String.format(Locale.ROOT, "%s: mean %.4f ms, %s%n  share [%s]%n  utilization [%s],"
                        + " client affinity %.3f",
                policy, meanResponseSec * 1e3, responseTime, shares, busy, clientAffinity);
    }
}
