package org.perflab.queueing;

import java.util.Locale;
import java.util.Objects;
import org.perflab.check.Require;

/**
 * A discrete-event simulation of servers and queues in virtual time: a million requests take well
 * under a second of real time, and the same seed gives the same numbers on every machine.
 *
 * <p>Model: requests arrive with gaps drawn from a distribution (exponential for Poisson arrivals),
 * bring a service time drawn from another, and are served first come first served by
 * {@code servers} identical servers arranged as the {@link QueueLayout} says. The first
 * {@code warmupRequests} are served but not measured, so the empty start does not flatter the
 * results.
 *
 * <p>Checked against theory in the unit tests: M/M/1 and M/D/1 within 3% of their formulas, M/M/4
 * at utilization 0.8 at 1.75 x S (Erlang C) and four partitioned queues at 5 x S (M/M/1).
 *
 * <p>Source for the method: the next-event time-advance scheme of A. M. Law, <i>Simulation
 * Modeling and Analysis</i> (McGraw-Hill, 5th ed. 2015), chapter 1.
 */
public final class Simulation {

    public static final long DEFAULT_REQUESTS = 1_000_000;
    /** Fewer measured requests make a window too short to average anything over. */
    public static final long MIN_REQUESTS = VirtualTimeRun.MIN_REQUESTS;

    private final int servers;
    private final QueueLayout layout;
    private final Distribution interarrival;
    private final Distribution service;
    private final long requests;
    private final long warmupRequests;
    private final long seed;

    private Simulation(int servers, QueueLayout layout, Distribution interarrival, Distribution service,
                       long requests, long warmupRequests, long seed) {
        this.servers = servers;
        this.layout = layout;
        this.interarrival = interarrival;
        this.service = service;
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

    public SimulationResult run() {
        return new SimulationRun(servers, layout, interarrival, service, warmupRequests, requests, seed)
                .run(toString(), seed);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d server%s, %s, arrivals %s, service %s, offered utilization %.3f,"
                        + " %d requests after %d warm-up, seed %d",
                servers, servers == 1 ? "" : "s", layout, interarrival, service,
                service.meanNanos() / (interarrival.meanNanos() * servers), requests, warmupRequests, seed);
    }

    /** Configures a {@link Simulation}: a service time and one way of setting the arrivals are required. */
    public static final class Builder extends VirtualTimeBuilder<Builder> {
        private int servers = 1;
        private QueueLayout layout = QueueLayout.SHARED_QUEUE;
        private Distribution service;
        private Distribution interarrival;
        private double arrivalRatePerSec = Double.NaN;
        private double utilization = Double.NaN;

        private Builder() {
            super(DEFAULT_REQUESTS);
        }

        public Builder servers(int servers) {
            this.servers = Require.atLeast("servers", servers, 1, "give at least one server");
            return this;
        }

        /** Default {@link QueueLayout#SHARED_QUEUE}; irrelevant with one server. */
        public Builder layout(QueueLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        public Builder serviceTime(Distribution service) {
            this.service = Objects.requireNonNull(service, "service");
            return this;
        }

        /** Poisson arrivals at this rate. */
        public Builder arrivalRatePerSec(double arrivalRatePerSec) {
            this.arrivalRatePerSec = Require.positiveFinite("arrivalRatePerSec", arrivalRatePerSec, "give the mean arrivals per second, e.g. 100");
            return this;
        }

        /** Poisson arrivals at the rate that keeps each server busy this fraction of the time. */
        public Builder utilization(double utilization) {
            Require.positiveFinite("utilization", utilization, "give the busy share of each server, e.g. 0.7");
            SteadyState.requireStable(utilization, "given");
            this.utilization = utilization;
            return this;
        }

        /** Arrivals with gaps from any distribution (deterministic gaps: a perfectly paced client). */
        public Builder interarrivalTime(Distribution interarrival) {
            this.interarrival = Objects.requireNonNull(interarrival, "interarrival");
            return this;
        }

        public Simulation build() {
            if (service == null) {
                throw new IllegalStateException("serviceTime must be set, e.g. Distribution.exponential(Duration.ofMillis(10))");
            }
            int ways = (interarrival != null ? 1 : 0) + (Double.isNaN(arrivalRatePerSec) ? 0 : 1)
                    + (Double.isNaN(utilization) ? 0 : 1);
            if (ways != 1) {
                throw new IllegalStateException("set exactly one of arrivalRatePerSec, utilization or interarrivalTime,"
                        + " but " + ways + " were set");
            }
            Distribution arrivals = interarrival;
            if (!Double.isNaN(utilization)) {
                arrivals = Distribution.poissonGaps(servers * utilization / service.meanSec());
            } else if (!Double.isNaN(arrivalRatePerSec)) {
                arrivals = Distribution.poissonGaps(arrivalRatePerSec);
            }
            double offered = service.meanNanos() / (arrivals.meanNanos() * servers);
            SteadyState.requireStable(offered, String.format(Locale.ROOT, "mean service %.4g ms / (mean gap %.4g ms x %d servers)",
                    service.meanNanos() / 1e6, arrivals.meanNanos() / 1e6, servers));
            return new Simulation(servers, layout, arrivals, service, measuredRequests(), warmupRequestsOrDefault(),
                    seedOrFresh());
        }
    }
}
