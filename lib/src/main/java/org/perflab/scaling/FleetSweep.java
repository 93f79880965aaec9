package org.perflab.scaling;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.perflab.load.LoadInterruptedException;

/**
 * Horizontal scaling: the same fleet's first 1, 2, 4 ... instances behind a fresh HAProxy, each size driven
 * by enough clients to keep every instance's workers busy (a closed loop with {@code clientsPerInstance}
 * clients per instance), so the sweep measures capacity. Beside each size it samples the machine's CPU,
 * because every instance, the balancer, the load generator and the database share it: the shared resource a
 * one-machine fleet runs out of first.
 */
public final class FleetSweep {

    private final List<Upstream> upstreams;
    private final int[] sizes;
    private final HaProxyConfig.Algorithm algorithm;
    private final int maxConnectionsPerServer;
    private final int clientsPerInstance;
    private final Supplier<String> paths;
    private final Duration warmup;
    private final Duration measure;

    private FleetSweep(Builder builder) {
        this.upstreams = List.copyOf(builder.upstreams);
        this.sizes = builder.sizes;
        this.algorithm = builder.algorithm;
        this.maxConnectionsPerServer = builder.maxConnectionsPerServer;
        this.clientsPerInstance = builder.clientsPerInstance;
        this.paths = builder.paths;
        this.warmup = builder.warmup;
        this.measure = builder.measure;
    }

    /** A sweep over the first instances of {@code upstreams} (a {@link ServiceFleet}'s, or servers elsewhere). */
    public static Builder builder(List<Upstream> upstreams, Supplier<String> paths) {
        return new Builder(upstreams, paths);
    }

    public WorkerSweepResult run() throws IOException, LoadInterruptedException {
        List<WorkerSweepResult.Step> steps = new ArrayList<>();
        for (int size : sizes) {
            HaProxyConfig.Builder config = HaProxyConfig.builder().upstreams(upstreams.subList(0, size))
                    .algorithm(algorithm);
            if (maxConnectionsPerServer > 0) {
                config.maxConnectionsPerServer(maxConnectionsPerServer);
            }
            try (HaProxy balancer = HaProxy.builder(config.build()).start();
                 HttpLoadTarget target = HttpLoadTarget.builder(balancer.host(), balancer.port()).paths(paths)
                         .maxConnections(clientsPerInstance * size).build()) {
                steps.add(SweepSteps.measure(size, target, clientsPerInstance * size, warmup, measure, Map.of()));
            }
        }
        return new WorkerSweepResult("instances behind HAProxy (" + algorithm.balance() + ")", String.valueOf(paths),
                "instances", false, steps);
    }

    @Override
    public String toString() {
        return "instances " + Arrays.toString(sizes) + " behind HAProxy " + algorithm.balance() + ", "
                + clientsPerInstance + " clients per instance, " + paths;
    }

    /** Configures a {@link FleetSweep}. */
    public static final class Builder {
        private final List<Upstream> upstreams;
        private final Supplier<String> paths;
        private int[] sizes;
        private HaProxyConfig.Algorithm algorithm = HaProxyConfig.Algorithm.LEAST_CONNECTIONS;
        private int maxConnectionsPerServer;
        private int clientsPerInstance = 8;
        private Duration warmup = Duration.ofMillis(500);
        private Duration measure = Duration.ofSeconds(2);

        private Builder(List<Upstream> upstreams, Supplier<String> paths) {
            if (upstreams == null || upstreams.isEmpty()) {
                throw new IllegalArgumentException("a fleet sweep needs at least one upstream");
            }
            this.upstreams = List.copyOf(upstreams);
            this.paths = Objects.requireNonNull(paths, "paths");
            this.sizes = new int[]{upstreams.size()};
        }

        /** How many of the upstreams to put behind the balancer at each step, in order; each 1 to the fleet's size. */
        public Builder sizes(int... sizes) {
            if (sizes.length == 0) {
                throw new IllegalArgumentException("give at least one fleet size");
            }
            for (int size : sizes) {
                if (size < 1 || size > upstreams.size()) {
                    throw new IllegalArgumentException("fleet sizes must be between 1 and " + upstreams.size()
                            + " (the upstreams given), was " + size);
                }
            }
            this.sizes = sizes.clone();
            return this;
        }

        public Builder algorithm(HaProxyConfig.Algorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** Requests HAProxy sends each instance at once (its worker count); the rest wait in HAProxy's queue. */
        public Builder maxConnectionsPerServer(int maxConnectionsPerServer) {
            if (maxConnectionsPerServer < 1) {
                throw new IllegalArgumentException("maxConnectionsPerServer must be at least 1, was " + maxConnectionsPerServer);
            }
            this.maxConnectionsPerServer = maxConnectionsPerServer;
            return this;
        }

        /** Clients per instance in the closed loop: more than its workers, so none sits idle. Default 8. */
        public Builder clientsPerInstance(int clientsPerInstance) {
            if (clientsPerInstance < 1 || clientsPerInstance > 256) {
                throw new IllegalArgumentException("clientsPerInstance must be between 1 and 256, was " + clientsPerInstance);
            }
            this.clientsPerInstance = clientsPerInstance;
            return this;
        }

        public Builder warmup(Duration warmup) {
            this.warmup = SweepSteps.checkWarmup(warmup);
            return this;
        }

        public Builder measure(Duration measure) {
            this.measure = SweepSteps.checkMeasure(measure, 100);
            return this;
        }

        public FleetSweep build() {
            return new FleetSweep(this);
        }
    }
}
