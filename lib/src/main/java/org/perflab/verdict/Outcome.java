package org.perflab.verdict;

import java.util.Arrays;
import java.util.Optional;

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
    INCONCLUSIVE;

    /** The text a verdict line starts with: the outcome and one space ({@code "FAIL "}). */
    public String linePrefix() {
        return name() + " ";
    }

    /** The outcome a printed line announces, or empty when the line is not a verdict. */
    public static Optional<Outcome> ofLine(String line) {
        for (Outcome outcome : values()) {
            if (line.startsWith(outcome.linePrefix())) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }

    /** The outcome a results file records; the message of a bad value names the ones accepted. */
    public static Outcome parse(String value) {
        try {
            return valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not an outcome; expected one of "
                    + Arrays.toString(values()), e);
        }
    }
}
