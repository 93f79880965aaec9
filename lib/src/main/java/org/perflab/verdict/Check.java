package org.perflab.verdict;

import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.perflab.check.Require;

/**
 * One verdict being written: its kind and words come from {@link Verdicts#claim},
 * {@link Verdicts#mechanism} or {@link Verdicts#sanity}; say what is allowed, then give the
 * measurement in one of three ways.
 *
 * <pre>{@code
 * Verdicts.claim("mean response at ρ 0.5 vs M/M/1 S/(1-ρ) (ms)")
 *         .near(mm1.meanResponseMs(), Tolerance.percent(20))
 *         .trials(3, () -> oneRun(0.5).meanMs());           // re-measured while the interval straddles
 * Verdicts.mechanism("p99 of pooled calls / direct calls")
 *         .atMost(0.5)
 *         .estimate(Estimate.bootstrap(pooledMs, directMs, (a, b) -> p99(a) / p99(b)));
 * Verdicts.sanity("service processes still alive after cleaning up").near(0, Tolerance.NONE).value(alive);
 * }</pre>
 */
public final class Check {

    private final VerdictLog log;
    private final Kind kind;
    private final String claim;
    private Expectation expectation;

    Check(VerdictLog log, Kind kind, String claim) {
        this.log = Objects.requireNonNull(log, "log");
        this.kind = Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(claim, "claim");
        this.claim = Require.notBlank("a verdict's claim", claim,
                "say what should hold, with its unit, e.g. \"p99 latency (ms) vs the M/M/1 formula\"").strip();
    }

    /** Allowed: {@code expected} ± {@code tolerance}. */
    public Check near(double expected, Tolerance tolerance) {
        return expect(Expectation.near(expected, tolerance));
    }

    /** Allowed: at least {@code minimum}. */
    public Check atLeast(double minimum) {
        return expect(Expectation.atLeast(minimum, Tolerance.NONE));
    }

    /** Allowed: at least {@code expected} less the tolerance's margin. */
    public Check atLeast(double expected, Tolerance tolerance) {
        return expect(Expectation.atLeast(expected, tolerance));
    }

    /** Allowed: at most {@code maximum}. */
    public Check atMost(double maximum) {
        return expect(Expectation.atMost(maximum, Tolerance.NONE));
    }

    /** Allowed: at most {@code expected} plus the tolerance's margin. */
    public Check atMost(double expected, Tolerance tolerance) {
        return expect(Expectation.atMost(expected, tolerance));
    }

    /** Allowed: {@code min} to {@code max}, for a claim that is itself a range. */
    public Check between(double min, double max) {
        return expect(Expectation.between(min, max));
    }

    /** Allowed: whatever {@code expectation} allows. */
    public Check expect(Expectation expectation) {
        this.expectation = Objects.requireNonNull(expectation, "expectation");
        return this;
    }

    /** A number with no sampling noise (a count, a configuration value): judged as it is. */
    public Verdict value(double measured) {
        return estimate(Estimate.exact(measured));
    }

    /**
     * A measurement that already has its interval (a bootstrap of one run's samples, say). A straddle
     * stays INCONCLUSIVE: there is nothing to re-measure.
     */
    public Verdict estimate(Estimate estimate) {
        Objects.requireNonNull(estimate, "estimate");
        return log.give(kind, claim, expectation(), estimate);
    }

    /**
     * Runs {@code trial} at least {@code minimumTrials} times (each an independent measurement of the
     * claim's quantity), then more while the interval straddles a bound, within the log's
     * {@link VerdictLog#budget() budget}.
     */
    public Verdict trials(int minimumTrials, DoubleSupplier trial) {
        Expectation expected = expectation();
        Estimate estimate = new SequentialTrials(expected, log.budget(), log.nanoTime()).run(minimumTrials, trial);
        return log.give(kind, claim, expected, estimate);
    }

    private Expectation expectation() {
        if (expectation == null) {
            throw new IllegalStateException("say what the verdict \"" + claim + "\" allows before measuring: "
                    + "near(expected, tolerance), atLeast(min), atMost(max) or between(min, max)");
        }
        return expectation;
    }
}
