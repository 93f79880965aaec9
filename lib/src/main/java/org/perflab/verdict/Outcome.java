package org.perflab.verdict;

/**
 * What the measurement's 95% confidence interval says about the claim. Verdict lines start with the
 * name and one space, so a runner can find failures with a prefix match.
 */
public enum Outcome {
    /** The whole interval lies inside the allowed range. */
    PASS,
    /** The whole interval lies outside the allowed range (or the measurement produced no number). */
    FAIL,
    /**
     * The interval still straddled a bound when the verdict's time budget ran out: the data cannot
     * tell. Shown and counted; it does not fail a notebook.
     */
    INCONCLUSIVE
}
