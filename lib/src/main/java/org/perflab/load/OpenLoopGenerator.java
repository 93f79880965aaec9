package org.perflab.load;

import org.perflab.latency.LatencyRecorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Sends requests on a schedule fixed in advance and times each one from its <b>intended</b> start,
 * so a stalled target cannot hide its stall (no coordinated omission).
 *
 * <p>The calling thread is the scheduler: it waits until each intended start (parking for long
 * gaps, spinning for the last 100 us) and hands the request to a fixed pool of worker threads, or,
 * with {@code workerThreads(0)}, calls the target itself. A request that waits in the pool's queue
 * because every worker is busy keeps its intended start: the waiting is part of its latency, just
 * as a real client's request would have waited for the server. If that waiting exceeds
 * {@link Builder#lateAfter} it is counted late; past {@link Builder#dropIfLaterThan} it is dropped.
 *
 * <p>Stops by itself after {@link Builder#duration} or {@link Builder#maxRequests} (whichever comes
 * first), then waits up to {@link Builder#drainTimeout} for requests in flight. Interrupting the
 * calling thread stops it within about a second: workers are interrupted, and {@link #run()} throws
 * {@link LoadInterruptedException} carrying the partial result. A target that ignores interrupts is
 * abandoned on its daemon thread.
 *
 * <p>Surprise: with too few workers the <em>generator</em> becomes the queue. The result says so
 * (late requests, max in flight at the pool size); size the pool above the expected requests in
 * flight, which by Little's law is arrival rate x latency.
 */
public final class OpenLoopGenerator {

    public static final int DEFAULT_WORKER_THREADS = 16;
    public static final Duration DEFAULT_LATE_AFTER = Duration.ofMillis(1);
    public static final Duration DEFAULT_DRAIN_TIMEOUT = GeneratorBuilder.DEFAULT_DRAIN_TIMEOUT;
    static final String NAME = "open-loop";
    static final long MIN_REQUESTS_FOR_RATE_CHECK = 50;
    /** A few late starts are scheduling noise; past 1% the target saw a different load than planned. */
    static final double LATE_FRACTION_WORTH_A_WARNING = 0.01;

    private final Target target;
    private final ArrivalSchedule schedule;
    private final long durationNanos;
    private final long maxRequests;
    private final int workerThreads;
    private final long lateAfterNanos;
    private final long dropAfterNanos;
    private final long drainTimeoutNanos;
    private final boolean showProgress;
    private final String handlersName;
    private final Supplier<? extends ExecutorService> handlers;

    private OpenLoopGenerator(Builder builder) {
        this.handlersName = builder.handlersName;
        this.handlers = builder.handlers;
        this.target = builder.target;
        this.schedule = builder.schedule;
        this.durationNanos = builder.durationNanos;
        this.maxRequests = builder.maxRequests;
        this.workerThreads = builder.workerThreads;
        this.lateAfterNanos = builder.lateAfterNanos;
        this.dropAfterNanos = builder.dropAfterNanos;
        this.drainTimeoutNanos = builder.drainTimeoutNanos;
        this.showProgress = builder.showProgress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the schedule to its end and returns what was measured.
     *
     * @throws LoadInterruptedException if the calling thread is interrupted; its
     *                                  {@link LoadInterruptedException#partialResult()} holds the
     *                                  measurements so far
     */
    public LoadResult run() throws LoadInterruptedException {
        ProgressDisplay progress = ProgressDisplay.show(showProgress, NAME + " starting: " + setup());
        ExecutorService pool = handlers != null ? handlers.get()
                : workerThreads > 0 ? Workers.start("perflab-open-loop", workerThreads) : null;
        RunState state = new RunState(LatencyRecorder.create(), System.nanoTime());
        progress.startUpdating(() -> state.progressLine(NAME, schedule.arrivalRatePerSec(), durationNanos));
        List<String> warnings = new ArrayList<>();
        long plannedNanos = durationNanos;
        boolean interrupted;
        try {
            plannedNanos = issueAll(state, pool);
            interrupted = Thread.currentThread().isInterrupted();
            if (!interrupted && pool != null && !Workers.drain(pool, drainTimeoutNanos)) {
                warnings.add(String.format(Locale.ROOT, "%d requests were still in flight after drainTimeout %d ms"
                        + " and were interrupted", state.inFlight(), TimeUnit.NANOSECONDS.toMillis(drainTimeoutNanos)));
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (RuntimeException | Error e) {
            progress.finish("open-loop generator failed: " + e);
            throw e;
        } finally {
            if (pool != null) {
                Workers.stopNow(pool);
            }
        }
        // Clear the flag so the result can be built and displayed; the exception carries it on.
        interrupted |= Thread.interrupted();
        LoadResult result = state.toResult(NAME, setup(), schedule.arrivalRatePerSec(), plannedNanos,
                checkInvariants(state, plannedNanos, warnings), interrupted);
        progress.finish(result);
        if (interrupted) {
            throw new LoadInterruptedException("open-loop generator interrupted after "
                    + state.progressLine(NAME, schedule.arrivalRatePerSec(), durationNanos), result);
        }
        return result;
    }

    /**
     * The scheduler loop. Returns the planned window in nanoseconds: the duration, or the intended
     * start of the first request beyond {@code maxRequests}, so a kept schedule achieves exactly its
     * rate. Returns early, with the interrupt flag set, when interrupted.
     */
    private long issueAll(RunState state, ExecutorService pool) {
        LongSupplier offsets = schedule.newOffsetSequence();
        long startNanos = state.startNanos();
        long issued = 0;
        while (true) {
            long offsetNanos = offsets.getAsLong();
            if (offsetNanos >= durationNanos) {
                return durationNanos;
            }
            if (issued == maxRequests) {
                return offsetNanos;
            }
            long intendedNanos = startNanos + offsetNanos;
            if (!Pacer.awaitNanoTime(intendedNanos)) {
                return offsetNanos;
            }
            issued++;
            state.requestIssued();
            if (pool == null) {
                execute(state, intendedNanos);
            } else {
                pool.execute(() -> execute(state, intendedNanos));
            }
            if (Thread.currentThread().isInterrupted()) {
                return offsetNanos;
            }
        }
    }

    private void execute(RunState state, long intendedNanos) {
        long startNanos = System.nanoTime();
        long latenessNanos = startNanos - intendedNanos;
        if (latenessNanos > dropAfterNanos) {
            state.dropped.increment();
            state.requestFinished(startNanos);
            return;
        }
        if (latenessNanos > lateAfterNanos) {
            state.late.increment();
        }
        state.requestSent(startNanos);
        boolean succeeded = state.callTarget(target);
        long finishNanos = System.nanoTime();
        if (succeeded) {
            // From the intended start, not from startNanos: the wait for a worker is part of the latency.
            state.recorder.recordNanos(finishNanos - intendedNanos);
        }
        state.requestFinished(finishNanos);
    }

    private String setup() {
        String threads = handlers != null ? handlersName
                : workerThreads == 0 ? "inline (no worker pool)" : workerThreads + " workers";
        return schedule + ", " + threads + "; latency timed from each request's intended start";
    }

    private List<String> checkInvariants(RunState state, long plannedNanos, List<String> warnings) {
        double achieved = state.achievedRatePerSec(plannedNanos);
        // Against what this schedule placed in the window, not the nominal rate: a Poisson schedule's
        // own randomness is not the generator falling behind.
        double scheduled = state.scheduledRatePerSec(plannedNanos);
        // Below a few dozen requests one late send moves the rate by percents: no verdict.
        if (achieved < 0.99 * scheduled && state.issued.sum() >= MIN_REQUESTS_FOR_RATE_CHECK) {
            warnings.add(String.format(Locale.ROOT, "achieved %.1f req/s is below 99%% of the %.1f req/s scheduled;"
                    + " requests were dropped or sent late because the target or the generator could not keep up",
                    achieved, scheduled));
        }
        long late = state.late.sum();
        long issued = state.issued.sum();
        if (issued > 0 && late > LATE_FRACTION_WORTH_A_WARNING * issued) {
            String cause = handlers != null
                    ? "the " + handlersName + " could not start them sooner"
                    : workerThreads == 0
                    ? "the scheduler calls the target itself (workerThreads 0), so a slow call delays the next ones"
                    : "all " + workerThreads + " workers were busy, or the OS descheduled the generator's threads";
            warnings.add(String.format(Locale.ROOT, "%d of %d requests started more than %.1f ms after their intended"
                    + " start: %s. Their latency still includes the wait, but the target received them later than"
                    + " scheduled; if the target blocks, raise workerThreads", late, issued, lateAfterNanos / 1e6, cause));
        }
        return warnings;
    }

    /** Configures an {@link OpenLoopGenerator}; {@code target}, {@code schedule} and a bound are required. */
    public static final class Builder extends GeneratorBuilder<Builder> {
        private ArrivalSchedule schedule;
        private int workerThreads = DEFAULT_WORKER_THREADS;
        private String handlersName;
        private Supplier<? extends ExecutorService> handlers;
        private long lateAfterNanos = DEFAULT_LATE_AFTER.toNanos();
        private long dropAfterNanos = Long.MAX_VALUE;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder schedule(ArrivalSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /** Threads that call the target; 0 calls it on the scheduler thread. Default 16. */
        /**
         * The threads that run the requests, instead of the default pool of {@link #workerThreads}
         * platform threads: a fresh executor from {@code executors} for each run, shut down by the
         * generator when the run ends. For one virtual thread per request (JDK 21 and later):
         * {@code handlers("a virtual thread per request", Executors::newVirtualThreadPerTaskExecutor)}.
         * Latency is still timed from each request's intended start, so waiting for a thread counts.
         */
        public Builder handlers(String name, Supplier<? extends ExecutorService> executors) {
            this.handlersName = Objects.requireNonNull(name, "name");
            this.handlers = Objects.requireNonNull(executors, "executors");
            return this;
        }

        public Builder workerThreads(int workerThreads) {
            this.workerThreads = threads("workerThreads", workerThreads, 0);
            return this;
        }

        /** Count a request as late when it starts more than this after its intended start. Default 1 ms. */
        public Builder lateAfter(Duration lateness) {
            this.lateAfterNanos = nonNegativeNanos("lateAfter", lateness);
            return this;
        }

        /** Drop (do not send, count as dropped) a request that would start more than this late. Default: never. */
        public Builder dropIfLaterThan(Duration lateness) {
            this.dropAfterNanos = nonNegativeNanos("dropIfLaterThan", lateness);
            return this;
        }

        public OpenLoopGenerator build() {
            checkTargetAndBound();
            if (schedule == null) {
                throw new IllegalStateException("schedule must be set, e.g. ArrivalSchedule.poisson(1000, 42)");
            }
            return new OpenLoopGenerator(this);
        }
    }
}
