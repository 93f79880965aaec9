package org.perflab.load;

import java.time.Duration;
import java.util.Objects;
import org.perflab.check.Require;

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

    /** More threads than this is a mistake in a notebook, not a load test. */
    static final int MAX_THREADS = 10_000;

    /** Longer than any experiment; keeps {@code start + duration} far from overflowing. */
    static final Duration MAX_DURATION = Duration.ofDays(365);

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
        this.durationNanos = positiveNanos("duration", duration);
        return self();
    }

    /**
     * Stop after this many requests in total. Alone it bounds requests, not time: a target that
     * never answers keeps {@code run()} waiting (until interrupted), so set a {@link #duration}
     * too when the target may hang.
     */
    public B maxRequests(long maxRequests) {
        this.maxRequests = Require.atLeast("maxRequests", maxRequests, 1,
                "give the number of requests to send, or set a duration instead");
        return self();
    }

    /** How long to wait for requests in flight after the last one is issued. Default 10 s. */
    public B drainTimeout(Duration timeout) {
        this.drainTimeoutNanos = nonNegativeNanos("drainTimeout", timeout);
        return self();
    }

    /** Show a progress line, updated in place four times a second, then the result. Default off. */
    public B showProgress(boolean showProgress) {
        this.showProgress = showProgress;
        return self();
    }

    /** A thread count between {@code min} and {@link #MAX_THREADS}. */
    static int threads(String property, int value, int min) {
        return Require.between(property, value, min, MAX_THREADS,
                "give " + min + " to " + MAX_THREADS + "; more threads measure the machine's scheduler, not the target");
    }

    /** {@code value} in nanoseconds if it is longer than zero and at most {@link #MAX_DURATION}. */
    static long positiveNanos(String property, Duration value) {
        Require.positive(property, value, "give a duration longer than zero, e.g. Duration.ofSeconds(10)");
        return withinMaxNanos(property, value);
    }

    /** {@code value} in nanoseconds if it is zero or longer and at most {@link #MAX_DURATION}. */
    static long nonNegativeNanos(String property, Duration value) {
        Require.nonNegative(property, value, "give Duration.ZERO or longer");
        return withinMaxNanos(property, value);
    }

    private static long withinMaxNanos(String property, Duration value) {
        Require.that(value.compareTo(MAX_DURATION) <= 0, property, value, "<= " + MAX_DURATION,
                "give at most a year; no experiment runs longer");
        return value.toNanos();
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
