package org.perflab.queueing;

import java.util.SplittableRandom;

/**
 * The settings every builder of a virtual-time simulation shares ({@link Simulation.Builder},
 * {@code scaling.BalancerSimulation.Builder}): how many requests to measure, how many to serve first
 * unmeasured, and the seed. One place, so every simulation checks and defaults them alike.
 *
 * @param <B> the concrete builder, returned by each setter so calls chain
 */
public abstract class VirtualTimeBuilder<B extends VirtualTimeBuilder<B>> {

    private long requests;
    private long warmupRequests = -1;
    private Long seed;

    /** @param defaultRequests the measured requests when {@link #requests(long)} is not called */
    protected VirtualTimeBuilder(long defaultRequests) {
        this.requests = defaultRequests;
    }

    /** Measured requests (per policy where a simulation runs several). Default: the simulation's DEFAULT_REQUESTS. */
    public B requests(long requests) {
        this.requests = VirtualTimeRun.checkRequests(requests);
        return self();
    }

    /** Requests served before measuring starts. Default a tenth of {@code requests}. */
    public B warmupRequests(long warmupRequests) {
        this.warmupRequests = VirtualTimeRun.checkWarmupRequests(warmupRequests);
        return self();
    }

    /** Default: a fresh seed, reported by the simulation's {@code seed()} and in every result. */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** The measured requests, for {@code build()}. */
    protected final long measuredRequests() {
        return requests;
    }

    /** The warm-up given, or by default a tenth of the measured requests; see {@link VirtualTimeRun#warmupOrDefault}. */
    protected final long warmupRequestsOrDefault() {
        return VirtualTimeRun.warmupOrDefault(warmupRequests, requests);
    }

    /** The seed given, or a fresh one drawn now; call once per {@code build()}. */
    protected final long seedOrFresh() {
        return seed != null ? seed : new SplittableRandom().nextLong();
    }

    @SuppressWarnings("unchecked") // B is the subclass by the class's contract: Builder extends VirtualTimeBuilder<Builder>
    private B self() {
        return (B) this;
    }
}
