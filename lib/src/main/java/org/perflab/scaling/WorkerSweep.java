package org.perflab.scaling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.perflab.latency.Rounds;
import org.perflab.load.LoadInterruptedException;
import org.perflab.load.Target;

/**
 * Vertical scaling on the machine you have: the same handler run by 1, 2, 4 ... worker threads, each worker
 * taking the next request as soon as it finishes one (a closed loop with as many users as workers, which keeps
 * every worker busy and so measures capacity). At each size it records throughput, the latency of each
 * request, and what the USE method asks of the CPU and of any gauges added (a pool's waiting threads, say).
 *
 * <p>Closed-loop latency is the right figure here because the question is "how long does one request take
 * when N run at once", not "what would users arriving at rate λ see": that second question needs an
 * open-loop schedule, which other experiments in this package use.
 *
 * <p>On a shared machine another process can take a core for a second, and a size measured during that
 * second looks slow. With {@link Builder#rounds} above 1 the sweep runs several times, in order and then in
 * reverse (1 2 4 8, 8 4 2 1, 1 2 4 8 ...), each size a short window per round, and every figure of a size is
 * its median round's: a busy moment spoils one round of a size, not the comparison.
 */
public final class WorkerSweep {

    private final String name;
    private final Target work;
    private final int[] workers;
    private final Duration warmup;
    private final Duration measure;
    private final int rounds;
    private final Map<String, DoubleSupplier> gauges;

    private WorkerSweep(Builder builder) {
        this.name = builder.name;
        this.work = builder.work;
        this.workers = builder.workers;
        this.warmup = builder.warmup;
        this.measure = builder.measure;
        this.rounds = builder.rounds;
        this.gauges = new LinkedHashMap<>(builder.gauges);
    }

    public static Builder builder(String name, Target work) {
        return new Builder(name, work);
    }

    /**
     * Runs every size in order, round after round (odd rounds in reverse); an interrupt stops the sweep and
     * throws, the workers stopped.
     */
    public WorkerSweepResult run() throws LoadInterruptedException {
        List<List<WorkerSweepResult.Step>> windows = new ArrayList<>();
        for (int i = 0; i < workers.length; i++) {
            windows.add(new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            for (int index : Rounds.order(workers.length, round)) {
                int n = workers[index];
                windows.get(index).add(SweepSteps.measure(n, work, n, warmup, measure, gauges));
            }
        }
        return WorkerSweepResult.ofRounds(name, work.toString(), "worker threads", true, windows);
    }

    @Override
    public String toString() {
        return name + ": " + work + ", workers " + Arrays.toString(workers) + ", " + measure.toMillis()
                + " ms measured after " + warmup.toMillis() + " ms warm-up at each size"
                + (rounds == 1 ? "" : ", in " + rounds + " rounds (the median round's figures)");
    }

    /** Configures a {@link WorkerSweep}. */
    public static final class Builder {
        private final String name;
        private final Target work;
        private final Map<String, DoubleSupplier> gauges = new LinkedHashMap<>();
        private int[] workers = {1, 2, 4, 8};
        private Duration warmup = Duration.ofMillis(300);
        private Duration measure = Duration.ofSeconds(1);
        private int rounds = 1;

        private Builder(String name, Target work) {
            this.name = Objects.requireNonNull(name, "name");
            this.work = Objects.requireNonNull(work, "work");
        }

        /** The worker counts to measure, in the order given; each at least 1. */
        public Builder workers(int... workers) {
            if (workers.length == 0) {
                throw new IllegalArgumentException("give at least one worker count");
            }
            for (int n : workers) {
                if (n < 1 || n > 1_000) {
                    throw new IllegalArgumentException("worker counts must be between 1 and 1000, was " + n);
                }
            }
            this.workers = workers.clone();
            return this;
        }

        /** Unmeasured running time before each size's window. Default 300 ms. */
        public Builder warmup(Duration warmup) {
            this.warmup = SweepSteps.checkWarmup(warmup);
            return this;
        }

        /** Measured window at each size. Default 1 s. */
        public Builder measure(Duration measure) {
            this.measure = SweepSteps.checkMeasure(measure, 50);
            return this;
        }

        /**
         * Measure every size this many times, interleaved with the other sizes (see the class comment); each
         * size's figures are then its median round's. Odd counts give a true middle round. Default 1.
         */
        public Builder rounds(int rounds) {
            if (rounds < 1 || rounds > 100) {
                throw new IllegalArgumentException("rounds must be between 1 and 100, was " + rounds);
            }
            this.rounds = rounds;
            return this;
        }

        /** A figure sampled through each measured window, reported with the CPU's. */
        public Builder gauge(String name, DoubleSupplier gauge) {
            gauges.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(gauge, "gauge"));
            return this;
        }

        public WorkerSweep build() {
            return new WorkerSweep(this);
        }
    }
}
