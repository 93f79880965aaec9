package org.perflab.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perflab.latency.LatencySummary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Every policy of one {@link BalancerSimulation} on the same traffic, in the order they were asked
 * for.
 *
 * @param setup   servers, distributions, load and seed, for the record
 * @param seed    the seed that reproduces every run exactly
 * @param results one per policy
 */
public record BalancerComparison(String setup, long seed, List<BalancerResult> results) {

    public BalancerComparison {
        results = List.copyOf(results);
    }

    /** The result of {@code policy}, or an exception naming the policies that ran. */
    public BalancerResult get(BalancingPolicy policy) {
        for (BalancerResult result : results) {
            if (result.policy() == policy) {
                return result;
            }
        }
        List<BalancingPolicy> ran = new ArrayList<>();
        results.forEach(result -> ran.add(result.policy()));
        throw new IllegalArgumentException(policy + " was not simulated; the policies run were " + ran);
    }

    /** One row per policy: count, mean, p50 ... p99.9, max in milliseconds (the latency tables' columns). */
    public Table latencyTable() {
        Map<String, LatencySummary> rows = new LinkedHashMap<>();
        results.forEach(result -> rows.put(result.policy().name(), result.responseTime()));
        return LatencySummary.tableOf(rows).setName("response time by policy");
    }

    /** One row per policy and server: the server's share of requests and its utilization. */
    public Table serverTable() {
        StringColumn policy = StringColumn.create("policy");
        IntColumn server = IntColumn.create("server");
        DoubleColumn share = DoubleColumn.create("request_share");
        DoubleColumn utilization = DoubleColumn.create("utilization");
        for (BalancerResult result : results) {
            double[] shares = result.requestShare();
            double[] busy = result.utilization();
            for (int s = 0; s < shares.length; s++) {
                policy.append(result.policy().name());
                server.append(s);
                share.append(shares[s]);
                utilization.append(busy[s]);
            }
        }
        share.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        utilization.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        return Table.create("servers by policy", policy, server, share, utilization);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("load balancer simulation ").append(setup);
        results.forEach(result -> text.append(System.lineSeparator()).append(result));
        return text.toString();
    }
}
