package org.perflab.load;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings both generators share: what to call, when to stop (a duration, a request count, or
 * both), how long to wait for requests still in flight, and whether to show progress. Each
 * generator's builder adds its own settings on top.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class GeneratorBuilder<B extends GeneratorBuilder<B>> {

    /** How long requests in flight may take to finish after the last one is issued, by default. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    Target target;
    long durationNanos = Long.MAX_VALUE;
    long maxRequests = Long.MAX_VALUE;
    long drainTimeoutNanos = DEFAULT_DRAIN_TIMEOUT.toNanos();
    boolean showProgress;

    GeneratorBuilder() {
    }

    abstract B self();

    /** The request to send; throwing counts as a failed request. Required. */
    public B target(Target target) {
        this.target = Objects.requireNonNull(target, "target");
        return self();
    }

    /** Stop issuing requests this long after the start. */
    public B duration(Duration duration) {
        this.durationNanos = Checks.positive("duration", duration);
        return self();
    }

    /**
     * Stop after this many requests in total. Alone it bounds requests, not time: a target that
     * never answers keeps {@code run()} waiting (until interrupted), so set a {@link #duration}
     * too when the target may hang.
     */
    public B maxRequests(long maxRequests) {
        if (maxRequests < 1) {
            throw new IllegalArgumentException("maxRequests must be >= 1 but was " + maxRequests);
        }
        this.maxRequests = maxRequests;
        return self();
    }

    /** How long to wait for requests in flight after the last one is issued. Default 10 s. */
    public B drainTimeout(Duration timeout) {
        this.drainTimeoutNanos = Checks.nonNegative("drainTimeout", timeout);
        return self();
    }

    /** Show a progress line, updated in place four times a second, then the result. Default off. */
    public B showProgress(boolean showProgress) {
        this.showProgress = showProgress;
        return self();
    }

    /** Rejects a configuration that has nothing to call or would never stop by itself. */
    void checkTargetAndBound() {
        if (target == null) {
            throw new IllegalStateException("target must be set");
        }
        if (durationNanos == Long.MAX_VALUE && maxRequests == Long.MAX_VALUE) {
            throw new IllegalStateException("duration or maxRequests must be set; an unbounded generator"
                    + " would never stop by itself");
        }
    }
}
