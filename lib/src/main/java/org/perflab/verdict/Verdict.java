package org.perflab.verdict;

import java.time.Instant;
import java.util.Objects;

/**
 * One claim judged against one measurement, with everything needed to judge it later: its kind,
 * what was expected and what was allowed, the measurement with its 95% interval, the outcome, and
 * where it ran.
 *
 * @param notebook    the notebook that made the claim, e.g. {@code 01-averages-lie}
 * @param claim       what should hold, in words, with its unit
 * @param kind        claim, mechanism or sanity check
 * @param expectation the expected value and the allowed range
 * @param estimate    the measurement and its 95% confidence interval
 * @param outcome     PASS, FAIL or INCONCLUSIVE
 * @param backend     the backends the measurement used (a database, a cache), or {@code none}
 * @param machine     cores, JDK and operating system
 * @param recordedAt  when the verdict was given
 */
public record Verdict(String notebook, String claim, Kind kind, Expectation expectation, Estimate estimate,
                      Outcome outcome, String backend, Machine machine, Instant recordedAt)
        implements org.perflab.display.ShownWhenMade {

    public Verdict {
        Objects.requireNonNull(notebook, "notebook");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(expectation, "expectation");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }

    public boolean failed() {
        return outcome == Outcome.FAIL;
    }

    /** The point estimate: the trials' mean, or the statistic of all samples. */
    public double measured() {
        return estimate.value();
    }

    /** The claim's or theory's number; NaN for a range claim. */
    public double expected() {
        return expectation.expected();
    }

    public Comparison comparison() {
        return expectation.comparison();
    }

    public Tolerance tolerance() {
        return expectation.tolerance();
    }

    public double lowerBound() {
        return expectation.lower();
    }

    public double upperBound() {
        return expectation.upper();
    }

    /** {@code 3.6 to 4.4}, {@code >= 2}, {@code <= 0.3}: the passing values. */
    public String allowedRange() {
        return expectation.allowedRange();
    }

    /**
     * The line a notebook prints, starting with the outcome and one space so a runner can find
     * failures with a prefix match: {@code PASS [claim] mean response (ms): measured 4.02 (95% CI 3.9
     * to 4.1, 5 trials), expected 4 ±10% (allowed 3.6 to 4.4)}. Line breaks inside the claim become
     * spaces, so a verdict stays one line.
     */
    public String line() {
        return outcome.linePrefix() + "[" + kind.label() + "] " + claim.replaceAll("\\R", " ") + ": measured "
                + Numbers.format(estimate.value()) + " (" + estimate.describe() + "), expected "
                + expectation.describe() + " (allowed " + allowedRange() + ")";
    }

    @Override
    public String toString() {
        return line();
    }
}
