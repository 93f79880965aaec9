package org.perflab.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.perflab.latency.LatencyRecorder;

/**
 * A fixed population of users, each sending a request, waiting for its response, thinking, and
 * sending the next: how most benchmarking tools work, and how real interactive users behave.
 *
 * <p>Latency is timed from the actual send. That is the trap this class exists to show: when the
 * target stalls, every user is stuck waiting, nobody sends, and the stall is recorded once per
 * user instead of once per request that a real (independent) client population would have sent.
 * Compare with {@link OpenLoopGenerator} on the same target, or turn on
 * {@link Builder#correctForCoordinatedOmission(Duration)} to back-fill the missing samples the way
 * HdrHistogram does.
 *
 * <p>Stops by itself after {@link Builder#duration} or {@link Builder#maxRequests}; users finish
 * their current request, for up to {@link Builder#drainTimeout}. Interrupting the calling thread
 * interrupts the users and makes {@link #run()} throw {@link LoadInterruptedException} within
 * about a second.
 */
public final class ClosedLoopGenerator {

    public static final int DEFAULT_USERS = 1;
    public static final Duration DEFAULT_DRAIN_TIMEOUT = GeneratorBuilder.DEFAULT_DRAIN_TIMEOUT;
    static final String NAME = "closed-loop";

    private final Target target;
    private final int users;
    private final long thinkTimeNanos;
    private final long durationNanos;
    private final long maxRequests;
    private final long expectedIntervalNanos;
    private final long drainTimeoutNanos;
    private final boolean showProgress;

    private ClosedLoopGenerator(Builder builder) {
        this.target = builder.target;
        this.users = builder.users;
        this.thinkTimeNanos = builder.thinkTimeNanos;
        this.durationNanos = builder.durationNanos;
        this.maxRequests = builder.maxRequests;
        this.expectedIntervalNanos = builder.expectedIntervalNanos;
        this.drainTimeoutNanos = builder.drainTimeoutNanos;
        this.showProgress = builder.showProgress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every user until the duration or the request count is used up.
     *
     * @throws LoadInterruptedException if the calling thread is interrupted; its partial result
     *                                  holds the measurements so far
     */
    public LoadResult run() throws LoadInterruptedException {
        LatencyRecorder.Builder recorder = LatencyRecorder.builder();
        if (expectedIntervalNanos > 0) {
            recorder.correctForCoordinatedOmission(Duration.ofNanos(expectedIntervalNanos));
        }
        ProgressDisplay progress = ProgressDisplay.show(showProgress, NAME + " starting: " + setup());
        ThreadPoolExecutor pool = Workers.start("perflab-closed-loop-user", users);
        RunState state = new RunState(recorder.build(), System.nanoTime());
        progress.startUpdating(() -> state.progressLine(NAME, Double.NaN, durationNanos));
        long deadlineNanos = durationNanos == Long.MAX_VALUE ? Long.MAX_VALUE : state.startNanos() + durationNanos;
        AtomicLong tickets = new AtomicLong();
        CountDownLatch usersDone = new CountDownLatch(users);
        for (int user = 0; user < users; user++) {
            pool.execute(() -> {
                try {
                    runUser(state, deadlineNanos, tickets);
                } finally {
                    usersDone.countDown();
                }
            });
        }
        List<String> warnings = new ArrayList<>();
        boolean interrupted = false;
        try {
            long waitNanos = durationNanos == Long.MAX_VALUE ? Long.MAX_VALUE
                    : Math.max(0, deadlineNanos - System.nanoTime()) + drainTimeoutNanos;
            if (!usersDone.await(waitNanos, TimeUnit.NANOSECONDS)) {
                warnings.add(String.format(Locale.ROOT, "%d users were still waiting for a response %d ms after"
                        + " the end and were interrupted", usersDone.getCount(),
                        TimeUnit.NANOSECONDS.toMillis(drainTimeoutNanos)));
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (RuntimeException | Error e) {
            progress.finish("closed-loop generator failed: " + e);
            throw e;
        } finally {
            Workers.stopNow(pool);
        }
        interrupted |= Thread.interrupted();
        LoadResult result = state.toResult(NAME, setup(), Double.NaN, 0, warnings, interrupted);
        progress.finish(result);
        if (interrupted) {
            throw new LoadInterruptedException("closed-loop generator interrupted after "
                    + state.progressLine(NAME, Double.NaN, durationNanos), result);
        }
        return result;
    }

    private void runUser(RunState state, long deadlineNanos, AtomicLong tickets) {
        Thread current = Thread.currentThread();
        while (!current.isInterrupted() && System.nanoTime() < deadlineNanos
                && tickets.incrementAndGet() <= maxRequests) {
            long sendNanos = System.nanoTime();
            state.requestIssued();
            state.requestSent(sendNanos);
            boolean succeeded = state.callTarget(target);
            long finishNanos = System.nanoTime();
            if (succeeded) {
                // From the actual send: the closed-loop habit, and the source of coordinated omission.
                state.recorder.recordNanos(finishNanos - sendNanos);
            }
            state.requestFinished(finishNanos);
            if (thinkTimeNanos > 0 && !Pacer.parkUntil(Math.min(finishNanos + thinkTimeNanos, deadlineNanos))) {
                return;
            }
        }
    }

    private String setup() {
        String think = String.format(Locale.ROOT, "think time %.1f ms", thinkTimeNanos / 1e6);
        String basis = expectedIntervalNanos > 0
                ? String.format(Locale.ROOT, "corrected for coordinated omission at %.1f ms", expectedIntervalNanos / 1e6)
                : "not corrected for coordinated omission";
        return users + (users == 1 ? " user, " : " users, ") + think + "; latency timed from the actual send, "
                + basis;
    }

    /** Configures a {@link ClosedLoopGenerator}; {@code target} and a bound are required. */
    public static final class Builder extends GeneratorBuilder<Builder> {
        private int users = DEFAULT_USERS;
        private long thinkTimeNanos;
        private long expectedIntervalNanos;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** Concurrent users, one thread each. Default 1. */
        public Builder users(int users) {
            this.users = threads("users", users, 1);
            return this;
        }

        /** Pause between a response and the same user's next request. Default 0. */
        public Builder thinkTime(Duration thinkTime) {
            this.thinkTimeNanos = nonNegativeNanos("thinkTime", thinkTime);
            return this;
        }

        /**
         * Back-fill the samples a stall swallowed, assuming each user meant to send every
         * {@code expectedInterval} (HdrHistogram's {@code recordValueWithExpectedInterval}).
         */
        public Builder correctForCoordinatedOmission(Duration expectedInterval) {
            this.expectedIntervalNanos = positiveNanos("expectedInterval", expectedInterval);
            return this;
        }

        public ClosedLoopGenerator build() {
            checkTargetAndBound();
            return new ClosedLoopGenerator(this);
        }
    }
}
