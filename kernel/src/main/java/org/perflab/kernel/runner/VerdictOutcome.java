package org.perflab.kernel.runner;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a verdict says: the word a notebook's verdict line starts with and the {@code outcome} column
 * of a results file. Only {@link #FAIL} fails a notebook; {@link #INCONCLUSIVE} (the claim's 95%
 * confidence interval still straddled a bound when its time budget ran out) is shown and counted.
 */
public enum VerdictOutcome {
    PASS, FAIL, INCONCLUSIVE;

    /** The text a verdict line starts with: the outcome and one space. */
    public String linePrefix() {
        return name() + " ";
    }

    /** The outcome a printed line announces, or empty when the line is not a verdict. */
    public static Optional<VerdictOutcome> ofLine(String line) {
        for (VerdictOutcome outcome : values()) {
            if (line.startsWith(outcome.linePrefix())) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }

    /** The outcome a results file records; the message of a bad value names the ones accepted. */
    public static VerdictOutcome parse(String value) {
        try {
            return valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not an outcome; expected one of "
                    + Arrays.toString(values()), e);
        }
    }
}
