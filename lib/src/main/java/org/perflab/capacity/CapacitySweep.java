package org.perflab.capacity;

import org.perflab.check.Require;
import org.perflab.load.ArrivalSchedule;
import org.perflab.load.LoadInterruptedException;
import org.perflab.load.LoadResult;
import org.perflab.load.OpenLoopGenerator;
import org.perflab.load.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds a service's capacity safely: an open-loop sweep that offers {@code startRate}, then {@code rateStep} more
 * each step, each step a fresh Poisson schedule timed from every request's intended start (so a stalled service
 * cannot hide its stall: coordinated omission is corrected by construction), and that stops by itself at the first of
 * <ul>
 *   <li>a step whose p99 passed {@link Builder#p99Ceiling},</li>
 *   <li>a step whose failed share passed {@link Builder#maxErrorRate} (a refused connection, a 500 storm),</li>
 *   <li>the next step would offer more than {@link Builder#maxRate},</li>
 *   <li>the next step would end after {@link Builder#maxDuration} from the start.</li>
 * </ul>
 * The limits are checked between steps, so at most one step runs past a latency or error limit; the rate and
 * duration limits are never crossed (the drain after each step is bounded by the time left). Read
 * {@link #plan()} before {@link #run()}: it says what will be sent, where, how fast and until when.
 *
 * <p>Poisson arrivals, because independent users arrive that way and a constant rate would hide the queueing that
 * raises p99 before the knee; each step's seed is {@code seed + step}, printed in the plan, so a sweep repeats.
 */
public final class CapacitySweep {

    public static final Duration DEFAULT_STEP_DURATION = Duration.ofSeconds(1);
    public static final Duration DEFAULT_P99_CEILING = Duration.ofMillis(200);
    public static final double DEFAULT_MAX_ERROR_RATE = 0.01;
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(60);
    public static final Duration DEFAULT_WARMUP = Duration.ofMillis(500);
    /** Enough senders that a few hundred requests/s held for a second each do not queue in the generator. */
    public static final int DEFAULT_WORKER_THREADS = 256;
    public static final long DEFAULT_SEED = 42;
    /** A request the target holds longer than this after its step is abandoned (and interrupted), not awaited. */
    static final Duration MAX_DRAIN = Duration.ofSeconds(10);

    private final ServiceTarget target;
    private final double startRatePerSec;
    private final double rateStepPerSec;
    private final double maxRatePerSec;
    private final Duration stepDuration;
    private final Duration p99Ceiling;
    private final double maxErrorRate;
    private final Duration maxDuration;
    private final Duration warmup;
    private final int workerThreads;
    private final long seed;

    private CapacitySweep(Builder builder) {
        this.target = builder.target;
        this.startRatePerSec = builder.startRatePerSec;
        this.rateStepPerSec = builder.rateStepPerSec;
        this.maxRatePerSec = builder.maxRatePerSec;
        this.stepDuration = builder.stepDuration;
        this.p99Ceiling = builder.p99Ceiling;
        this.maxErrorRate = builder.maxErrorRate;
        this.maxDuration = builder.maxDuration;
        this.warmup = builder.warmup;
        this.workerThreads = builder.workerThreads;
        this.seed = builder.seed;
    }

    /** A sweep of {@code target} up to {@code maxRatePerSec} requests/s, which it never exceeds. */
    public static Builder builder(ServiceTarget target, double maxRatePerSec) {
        return new Builder(target, maxRatePerSec);
    }

    /** What {@link #run()} will send, at which rates, and when it stops: print it before running. */
    public String plan() {
        int steps = (int) Math.floor((maxRatePerSec - startRatePerSec) / rateStepPerSec + 1e-9) + 1;
        return String.format(Locale.ROOT, "will send %s%n  at %.0f, %.0f, %.0f ... up to at most %.0f requests/s (%d steps of"
                        + " %.1f s, Poisson arrivals, seeds %d to %d), after a %.1f s warm-up at %.0f requests/s;%n"
                        + "  stopping after the first step whose p99 exceeds %d ms or whose errors exceed %.1f%%, or"
                        + " before a step that would end after %.1f s",
                target.describe(), startRatePerSec, startRatePerSec + rateStepPerSec, startRatePerSec + 2 * rateStepPerSec,
                maxRatePerSec, steps, stepDuration.toMillis() / 1e3, seed, seed + steps - 1, warmup.toMillis() / 1e3,
                startRatePerSec, p99Ceiling.toMillis(), 100 * maxErrorRate, maxDuration.toMillis() / 1e3);
    }

    /** Runs the steps until a limit is reached; the result says which one stopped it, and why. */
    public CapacityResult run() throws LoadInterruptedException {
        long startNanos = System.nanoTime();
        long budgetNanos = maxDuration.toNanos();
        if (!warmup.isZero() && warmup.toNanos() < budgetNanos) {
            // Unmeasured: connections, the JIT and the service's own pools settle before the first step counts.
            generator(target, startRatePerSec, seed - 1, warmup, Duration.ofNanos(budgetNanos - warmup.toNanos())).run();
        }
        List<CapacityResult.Step> steps = new ArrayList<>();
        for (int index = 0; ; index++) {
            double rate = startRatePerSec + index * rateStepPerSec;
            if (rate > maxRatePerSec * (1 + 1e-9)) {
                return result(steps, CapacityResult.StopReason.MAX_RATE, String.format(Locale.ROOT,
                        "the next step, %.0f requests/s, would exceed the maximum rate of %.0f requests/s", rate, maxRatePerSec));
            }
            long leftNanos = budgetNanos - (System.nanoTime() - startNanos);
            // The step's own time, and the drain its last requests will need: as long as the previous step's slowest.
            long drainGuessNanos = steps.isEmpty() ? 0 : steps.get(steps.size() - 1).result().latency().maxNanos();
            if (leftNanos < stepDuration.toNanos() + drainGuessNanos) {
                return result(steps, CapacityResult.StopReason.MAX_DURATION, String.format(Locale.ROOT,
                        "the next step would end after the maximum duration of %.1f s", maxDuration.toMillis() / 1e3));
            }
            SteadyCompletions steady = new SteadyCompletions(target, stepDuration);
            LoadResult measured = generator(steady, rate, seed + index, stepDuration,
                    Duration.ofNanos(leftNanos - stepDuration.toNanos())).run();
            CapacityResult.Step step = new CapacityResult.Step(rate, measured, steady.perSec());
            steps.add(step);
            if (System.nanoTime() - startNanos >= budgetNanos && !measured.warnings().isEmpty()) {
                // The budget cut the drain short: the requests still in flight were interrupted, not failed by the target.
                return result(steps, CapacityResult.StopReason.MAX_DURATION, String.format(Locale.ROOT,
                        "the maximum duration of %.1f s ended the step at %.0f requests/s before its last requests were"
                                + " answered; they were abandoned", maxDuration.toMillis() / 1e3, rate));
            }
            if (step.errorRate() > maxErrorRate) {
                return result(steps, CapacityResult.StopReason.ERROR_RATE, String.format(Locale.ROOT,
                        "%.1f%% of the requests at %.0f requests/s failed (the limit is %.1f%%); the first failure: %s",
                        100 * step.errorRate(), rate, 100 * maxErrorRate, describe(measured.firstFailure())));
            }
            if (step.p99Millis() > p99Ceiling.toMillis()) {
                return result(steps, CapacityResult.StopReason.P99_CEILING, String.format(Locale.ROOT,
                        "p99 reached %.1f ms at %.0f requests/s, past the ceiling of %d ms", step.p99Millis(), rate,
                        p99Ceiling.toMillis()));
            }
        }
    }

    private CapacityResult result(List<CapacityResult.Step> steps, CapacityResult.StopReason reason, String why) {
        return new CapacityResult(target.describe(), steps, reason, why, p99Ceiling);
    }

    private static String describe(Throwable failure) {
        return failure == null ? "(none recorded)" : failure.getMessage() != null ? failure.getMessage() : failure.toString();
    }

    private OpenLoopGenerator generator(Target calls, double rate, long stepSeed, Duration duration, Duration drainLimit) {
        return OpenLoopGenerator.builder().target(calls).schedule(ArrivalSchedule.poisson(rate, stepSeed))
                .duration(duration).workerThreads(workerThreads)
                // Requests still in flight after the step may take at most what is left of the budget.
                .drainTimeout(drainLimit.compareTo(MAX_DRAIN) > 0 ? MAX_DRAIN : drainLimit)
                .build();
    }

    @Override
    public String toString() {
        return plan();
    }

    /** Configures a {@link CapacitySweep}; only the target and the maximum rate are required. */
    public static final class Builder {
        private final ServiceTarget target;
        private final double maxRatePerSec;
        private double startRatePerSec = Double.NaN;
        private double rateStepPerSec = Double.NaN;
        private Duration stepDuration = DEFAULT_STEP_DURATION;
        private Duration p99Ceiling = DEFAULT_P99_CEILING;
        private double maxErrorRate = DEFAULT_MAX_ERROR_RATE;
        private Duration maxDuration = DEFAULT_MAX_DURATION;
        private Duration warmup = DEFAULT_WARMUP;
        private int workerThreads = DEFAULT_WORKER_THREADS;
        private long seed = DEFAULT_SEED;

        private Builder(ServiceTarget target, double maxRatePerSec) {
            this.target = Require.notNull("target", target, "give an HttpEndpoint or a JdbcQuery");
            this.maxRatePerSec = Require.between("maxRatePerSec", maxRatePerSec, 1, ArrivalSchedule.MAX_ARRIVAL_RATE_PER_SEC,
                    "give the highest rate, in requests/s, the target may receive");
        }

        /** The first step's rate, requests/s. Default a twentieth of the maximum rate. */
        public Builder startRate(double startRatePerSec) {
            this.startRatePerSec = Require.between("startRate", startRatePerSec, 0.1, maxRatePerSec,
                    "start at a rate between 0.1 requests/s and the maximum rate");
            return this;
        }

        /** How much each step adds, requests/s. Default a twentieth of the maximum rate. */
        public Builder rateStep(double rateStepPerSec) {
            this.rateStepPerSec = Require.between("rateStep", rateStepPerSec, 0.1, maxRatePerSec,
                    "add between 0.1 requests/s and the maximum rate per step");
            return this;
        }

        /** How long each step sends. Default 1 s. */
        public Builder stepDuration(Duration stepDuration) {
            this.stepDuration = Require.between("stepDuration", stepDuration, Duration.ofMillis(100), Duration.ofMinutes(10),
                    "send 100 ms to 10 min per step");
            return this;
        }

        /** Stop after the first step whose p99 (from intended start) exceeds this. Default 200 ms. */
        public Builder p99Ceiling(Duration p99Ceiling) {
            this.p99Ceiling = Require.between("p99Ceiling", p99Ceiling, Duration.ofMillis(1), Duration.ofMinutes(1),
                    "give a p99 ceiling of 1 ms to 1 min");
            return this;
        }

        /** Stop after the first step whose failed share exceeds this, 0 to 1. Default 0.01 (1%). */
        public Builder maxErrorRate(double maxErrorRate) {
            this.maxErrorRate = Require.between("maxErrorRate", maxErrorRate, 0, 1, "give a fraction such as 0.01 for 1%");
            return this;
        }

        /** The whole sweep, warm-up and drains included, ends within this. Default 60 s. */
        public Builder maxDuration(Duration maxDuration) {
            this.maxDuration = Require.between("maxDuration", maxDuration, Duration.ofMillis(100), Duration.ofHours(1),
                    "give the sweep 100 ms to 1 h in all");
            return this;
        }

        /** An unmeasured run at the start rate before the first step. Default 500 ms; zero for none. */
        public Builder warmup(Duration warmup) {
            this.warmup = Require.between("warmup", warmup, Duration.ZERO, Duration.ofMinutes(5), "warm up 0 to 5 min");
            return this;
        }

        /** Threads that send; more than rate x latency at the highest step. Default 256. */
        public Builder workerThreads(int workerThreads) {
            this.workerThreads = Require.between("workerThreads", workerThreads, 1, 10_000, "use 1 to 10000 sending threads");
            return this;
        }

        /** The first step's Poisson seed; step {@code i} uses {@code seed + i}. Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public CapacitySweep build() {
            if (Double.isNaN(startRatePerSec)) {
                startRatePerSec = maxRatePerSec / 20;
            }
            if (Double.isNaN(rateStepPerSec)) {
                rateStepPerSec = maxRatePerSec / 20;
            }
            return new CapacitySweep(Objects.requireNonNull(this));
        }
    }
}
