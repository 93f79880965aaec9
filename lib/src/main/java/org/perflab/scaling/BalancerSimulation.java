package org.perflab.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.perflab.check.Require;
import org.perflab.queueing.Distribution;
import org.perflab.queueing.VirtualTimeBuilder;
import org.perflab.queueing.VirtualTimeRun;

/**
 * A load balancer in front of a fleet of servers, simulated in virtual time: the same traffic is
 * sent through each {@link BalancingPolicy} in turn, so their latencies compare like for like, and
 * the same seed gives the same numbers on every machine. Two hundred thousand requests over ten
 * servers take a few tens of milliseconds per policy.
 *
 * <p>Model: requests arrive at the balancer in a Poisson stream, each from a client drawn uniformly
 * from a fixed population and bringing a service time drawn from a distribution (the time at speed
 * 1). The balancer sends each one to a server at once; the server serves its own FIFO queue with its
 * workers, {@code speed} times faster than the distribution says. The first {@code warmupRequests}
 * are served but not measured.
 *
 * <p>Checked in the unit tests against queueing theory: random routing to identical exponential
 * servers is M/M/1 per server, round robin is E_k/M/1 per server (GI/M/1), both within 3%.
 *
 * <p>What it teaches: with identical servers and steady work, round robin is already good. With one
 * slow server or request durations that vary a lot, a policy that looks at outstanding requests
 * (least connections, power of two choices) keeps the tail down, because round robin keeps feeding
 * the server that is already behind.
 */
public final class BalancerSimulation {

    public static final long DEFAULT_REQUESTS = 200_000;
    /** Fewer measured requests make a window too short to average anything over. */
    public static final long MIN_REQUESTS = VirtualTimeRun.MIN_REQUESTS;
    public static final int DEFAULT_CLIENTS = 1_000;
    /** Client bookkeeping is one array slot each; more than this is a typo. */
    public static final int MAX_CLIENTS = 10_000_000;
    public static final int MAX_SERVERS = 10_000;

    private final List<SimulatedServer> servers;
    private final List<BalancingPolicy> policies;
    private final Distribution interarrival;
    private final Distribution service;
    private final int clients;
    private final long requests;
    private final long warmupRequests;
    private final long seed;

    private BalancerSimulation(Builder builder, Distribution interarrival, long requests, long warmupRequests,
                               long seed) {
        this.servers = List.copyOf(builder.servers);
        this.policies = List.copyOf(builder.policies);
        this.interarrival = interarrival;
        this.service = builder.service;
        this.clients = builder.clients;
        this.requests = requests;
        this.warmupRequests = warmupRequests;
        this.seed = seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    public long seed() {
        return seed;
    }

    /** Offered load / total capacity: the utilization a perfectly spread load would give every server. */
    public double offeredUtilization() {
        return service.meanNanos() / (interarrival.meanNanos() * totalCapacity(servers));
    }

    /** Runs every policy on the same traffic. */
    public BalancerComparison run() {
        List<BalancerResult> results = new ArrayList<>();
        for (BalancingPolicy policy : policies) {
            results.add(run(policy));
        }
        return new BalancerComparison(toString(), seed, results);
    }

    /** Runs one policy, on the same traffic as {@link #run()} gives every policy. */
    public BalancerResult run(BalancingPolicy policy) {
        Require.notNull("policy", policy, "pick one of BalancingPolicy, e.g. BalancingPolicy.ROUND_ROBIN");
        return new BalancerRun(policy, servers, interarrival, service, clients, warmupRequests, requests, seed).run();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d servers %s, arrivals %s, service %s, offered utilization %.3f,"
                        + " %d clients, %d requests after %d warm-up, seed %d",
                servers.size(), servers, interarrival, service, offeredUtilization(), clients, requests,
                warmupRequests, seed);
    }

    private static double totalCapacity(List<SimulatedServer> servers) {
        return servers.stream().mapToDouble(SimulatedServer::capacity).sum();
    }

    /** Configures a {@link BalancerSimulation}: a service time and one way of setting the arrivals are required. */
    public static final class Builder extends VirtualTimeBuilder<Builder> {
        private List<SimulatedServer> servers = List.of(SimulatedServer.standard());
        private List<BalancingPolicy> policies = List.of(BalancingPolicy.values());
        private Distribution service;
        private double arrivalRatePerSec = Double.NaN;
        private double utilization = Double.NaN;
        private int clients = DEFAULT_CLIENTS;

        private Builder() {
            super(DEFAULT_REQUESTS);
        }

        /** {@code count} identical servers: speed 1, one worker, weight 1. Default one. */
        public Builder servers(int count) {
            Require.between("servers", count, 1, MAX_SERVERS, "give the fleet at least one server");
            this.servers = Collections.nCopies(count, SimulatedServer.standard());
            return this;
        }

        /** These servers, in this order (the index each result reports). */
        public Builder servers(List<SimulatedServer> servers) {
            Require.notNull("servers", servers, "pass at least one SimulatedServer, e.g. SimulatedServer.standard()");
            Require.between("servers.size()", servers.size(), 1, MAX_SERVERS,
                    "pass at least one SimulatedServer, e.g. SimulatedServer.standard()");
            for (int i = 0; i < servers.size(); i++) {
                Require.notNull("servers[" + i + "]", servers.get(i), "pass a server such as SimulatedServer.standard()");
            }
            this.servers = List.copyOf(servers);
            return this;
        }

        public Builder servers(SimulatedServer... servers) {
            return servers(Arrays.asList(Require.notNull("servers", servers,
                    "pass at least one SimulatedServer, e.g. SimulatedServer.standard()")));
        }

        /** Default: every {@link BalancingPolicy}, in declaration order. */
        public Builder policies(BalancingPolicy... policies) {
            Require.notNull("policies", policies, "name at least one, e.g. BalancingPolicy.ROUND_ROBIN");
            Require.atLeast("policies.length", policies.length, 1, "name at least one, e.g. BalancingPolicy.ROUND_ROBIN");
            List<BalancingPolicy> list = new ArrayList<>();
            for (int i = 0; i < policies.length; i++) {
                list.add(Require.notNull("policies[" + i + "]", policies[i], "name one of BalancingPolicy"));
            }
            this.policies = list;
            return this;
        }

        /**
         * Service time at speed 1: {@code Distribution.exponential(...)} for steady work,
         * {@code Distribution.lognormal(..., 1.5)} or {@code Distribution.bimodal(...)} for request
         * durations that vary a lot.
         */
        public Builder serviceTime(Distribution service) {
            this.service = Require.notNull("serviceTime", service,
                    "pass e.g. Distribution.exponential(Duration.ofMillis(10))");
            return this;
        }

        /** Poisson arrivals at this rate. */
        public Builder arrivalRatePerSec(double arrivalRatePerSec) {
            this.arrivalRatePerSec = Require.positiveFinite("arrivalRatePerSec", arrivalRatePerSec,
                    "give requests per second, e.g. 500, or set utilization(...) instead");
            return this;
        }

        /**
         * Poisson arrivals at this fraction of the fleet's total capacity (the sum of
         * {@code speed x workers} over the servers, in requests per mean service time).
         */
        public Builder utilization(double utilization) {
            Require.that(utilization > 0 && utilization < 1, "utilization", utilization, "above 0 and below 1",
                    "at or above 1 the fleet's queues grow without bound; use e.g. 0.7");
            this.utilization = utilization;
            return this;
        }

        /** Distinct clients the requests come from, uniformly. Default 1000. */
        public Builder clients(int clients) {
            this.clients = Require.between("clients", clients, 1, MAX_CLIENTS,
                    "use at least one client; the default is " + DEFAULT_CLIENTS);
            return this;
        }

        public BalancerSimulation build() {
            // A builder missing a setting is in the wrong state, not given a wrong argument; the phrasing is the same.
            if (service == null) {
                throw new IllegalStateException(Require.message("serviceTime", null, "set",
                        "call serviceTime(Distribution.exponential(Duration.ofMillis(10))) before build()"));
            }
            boolean byRate = !Double.isNaN(arrivalRatePerSec);
            boolean byUtilization = !Double.isNaN(utilization);
            if (byRate == byUtilization) {
                throw new IllegalStateException(Require.message("the arrival rate", byRate ? "set by both" : "set by neither",
                        "set by exactly one of arrivalRatePerSec(...) and utilization(...)",
                        byRate ? "drop one of the two calls" : "call one of them before build()"));
            }
            double capacityPerSec = totalCapacity(servers) / service.meanSec();
            double ratePerSec = byRate ? arrivalRatePerSec : utilization * capacityPerSec;
            if (!(ratePerSec < capacityPerSec)) {
                throw Require.invalid("arrivalRatePerSec", String.format(Locale.ROOT, "%.4g", ratePerSec),
                        String.format(Locale.ROOT, "below the fleet's capacity of %.4g requests/s (total speed x workers"
                                + " / mean service time)", capacityPerSec),
                        "no policy can keep up at or above it; lower the rate or add servers");
            }
            Distribution arrivals = Distribution.poissonGaps(ratePerSec);
            return new BalancerSimulation(this, arrivals, measuredRequests(), warmupRequestsOrDefault(), seedOrFresh());
        }
    }
}
