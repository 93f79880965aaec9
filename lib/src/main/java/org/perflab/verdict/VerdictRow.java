package org.perflab.verdict;

import java.util.Locale;

/**
 * One verdict of a results file, as {@code compare} and {@code soak} use it: the claim, what was
 * measured with its 95% confidence interval [ciLow, ciHigh], and the outcome.
 *
 * @param kind    {@code claim}, {@code mechanism} or {@code sanity}
 * @param repeats the trials or samples behind the interval; 1 for an exact value, whose interval is
 *                [measured, measured]
 */
public record VerdictRow(String notebook, String claim, String kind, double measured, double ciLow, double ciHigh,
                         int repeats, Outcome outcome) {

    /** What identifies a claim across runs: its notebook and its text. */
    public record Claim(String notebook, String claim) {
    }

    public Claim key() {
        return new Claim(notebook, claim);
    }

    /**
     * Whether the two intervals share a point; touching counts, since two runs whose intervals meet
     * are not shown to differ. An interval with NaN shares none, so a measurement gone NaN shows as moved.
     */
    public boolean overlaps(VerdictRow other) {
        return ciLow <= other.ciHigh && other.ciLow <= ciHigh;
    }

    /** The measurement and, unless it is exact, its interval: {@code 4.020 [3.910, 4.130]}. */
    public String measuredWithInterval() {
        if (ciLow == measured && ciHigh == measured) {
            return number(measured);
        }
        return number(measured) + " [" + number(ciLow) + ", " + number(ciHigh) + "]";
    }

    /** Four significant digits: enough to see a change, short enough for a table. */
    public static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4g", value) : Double.toString(value);
    }
}
