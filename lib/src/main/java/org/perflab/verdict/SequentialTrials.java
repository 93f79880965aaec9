package org.perflab.verdict;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.perflab.check.Require;

/**
 * Measures a claim's quantity in repeated independent trials until its 95% interval decides the
 * claim or the time budget runs out.
 *
 * <p>It runs the minimum number of trials, then judges the interval: inside the allowed range is a
 * PASS, outside it a FAIL. While the interval straddles a bound it runs one more trial, as long as
 * the time spent so far plus one more trial (the slowest so far) stays within the budget and the
 * trial count below its cap. What is left straddling is INCONCLUSIVE: more data would be needed,
 * and the reader is told so instead of being given a coin toss.
 *
 * <p>The minimum trials always run, even beyond the budget: without them there is no interval.
 */
final class SequentialTrials {

    /** The cap on trials however much budget is left: by then a straddle is a claim on its bound. */
    static final int MAX_TRIALS = 40;

    private final Expectation expectation;
    private final Duration budget;
    private final LongSupplier nanoTime;

    SequentialTrials(Expectation expectation, Duration budget, LongSupplier nanoTime) {
        this.expectation = Objects.requireNonNull(expectation, "expectation");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** The final estimate; judge it with the same expectation to get the outcome. */
    Estimate run(int minimumTrials, DoubleSupplier trial) {
        Objects.requireNonNull(trial, "trial");
        Require.between("minimum trials", minimumTrials, 2, MAX_TRIALS, "an interval needs at least 2 trials, e.g. 3");
        double[] values = new double[MAX_TRIALS];
        long started = nanoTime.getAsLong();
        long slowestTrial = 0;
        int n = 0;
        while (true) {
            long trialStart = nanoTime.getAsLong();
            values[n++] = trial.getAsDouble();
            slowestTrial = Math.max(slowestTrial, nanoTime.getAsLong() - trialStart);
            if (n < minimumTrials) {
                continue;
            }
            Estimate estimate = Estimate.ofTrials(Arrays.copyOf(values, n));
            if (expectation.judge(estimate) != Outcome.INCONCLUSIVE || n == MAX_TRIALS) {
                return estimate;
            }
            long spent = nanoTime.getAsLong() - started;
            if (spent + slowestTrial > budget.toNanos()) {
                return estimate;
            }
        }
    }
}
