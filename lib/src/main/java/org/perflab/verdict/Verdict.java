package org.perflab.verdict;

import java.time.Instant;
import java.util.Objects;

/**
 * One claim checked against one measurement, with everything needed to judge it later: what was
 * expected and how much slack was allowed, the outcome, and where it ran.
 *
 * @param notebook    the notebook that made the claim, e.g. {@code 01-averages-lie}
 * @param claim       what should hold, in words, with its unit
 * @param comparison  near, at least, or at most the expected value
 * @param measured    what this run measured
 * @param expected    what theory or the claim predicts
 * @param tolerance   the slack allowed around {@code expected}
 * @param outcome     PASS or FAIL
 * @param backend     the backends the measurement used (a database, a cache), or {@code none}
 * @param machine     cores, JDK and operating system
 * @param recordedAt  when the verdict was given
 */
public record Verdict(String notebook, String claim, Comparison comparison, double measured, double expected,
                      Tolerance tolerance, Outcome outcome, String backend, Machine machine, Instant recordedAt)
        implements org.perflab.display.ShownWhenMade {

    public Verdict {
        Objects.requireNonNull(notebook, "notebook");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }

    public double lowerBound() {
        return comparison.lowerBound(expected, tolerance);
    }

    public double upperBound() {
        return comparison.upperBound(expected, tolerance);
    }

    /** {@code 3.6 to 4.4}, {@code >= 2}, {@code <= 0.3}: the passing values. */
    public String allowedRange() {
        return switch (comparison) {
            case WITHIN -> Numbers.format(lowerBound()) + " to " + Numbers.format(upperBound());
            case AT_LEAST -> ">= " + Numbers.format(lowerBound());
            case AT_MOST -> "<= " + Numbers.format(upperBound());
        };
    }

    /**
     * The line a notebook prints, starting with {@code PASS } or {@code FAIL } so a runner can find
     * failures with a prefix match: {@code PASS mean response (ms): measured 4.02, expected 4 ±10%
     * (allowed 3.6 to 4.4)}. Line breaks inside the claim become spaces, so a verdict stays one line.
     */
    public String line() {
        return outcome + " " + claim.replaceAll("\\R", " ") + ": measured " + Numbers.format(measured)
                + ", expected " + comparison.describe(expected, tolerance) + " (allowed " + allowedRange() + ")";
    }

    @Override
    public String toString() {
        return line();
    }
}
