package org.perflab.verdict;

/**
 * The shape of a claim: the measurement sits near the expected value, or at least or at most it.
 * The tolerance widens the allowed side(s) by its margin; a value exactly on a bound passes.
 */
public enum Comparison {
    /** {@code expected - margin <= measured <= expected + margin}. */
    WITHIN,
    /** {@code measured >= expected - margin}. */
    AT_LEAST,
    /** {@code measured <= expected + margin}. */
    AT_MOST;

    /** The smallest passing value; {@code -Infinity} for {@link #AT_MOST}. */
    public double lowerBound(double expected, Tolerance tolerance) {
        return this == AT_MOST ? Double.NEGATIVE_INFINITY : expected - tolerance.marginAround(expected);
    }

    /** The largest passing value; {@code +Infinity} for {@link #AT_LEAST}. */
    public double upperBound(double expected, Tolerance tolerance) {
        return this == AT_LEAST ? Double.POSITIVE_INFINITY : expected + tolerance.marginAround(expected);
    }

    /**
     * Whether {@code measured} passes. NaN never passes: a measurement that produced no number has
     * not confirmed anything. A value on a bound passes even when computing the bound rounded it
     * away by a few units in the last place ({@code 0.1 x 3} is not {@code 0.3} in binary).
     */
    public boolean holds(double measured, double expected, Tolerance tolerance) {
        if (Double.isNaN(measured)) {
            return false;
        }
        double lower = lowerBound(expected, tolerance);
        double upper = upperBound(expected, tolerance);
        double slack = 4 * Math.ulp(Math.max(Math.abs(expected), Math.abs(measured)));
        return measured >= lower - slack && measured <= upper + slack;
    }

    /** How the expectation reads in a verdict line: {@code 4.0 ±10%}, {@code at least 2}, {@code at most 0.3}. */
    String describe(double expected, Tolerance tolerance) {
        String value = Numbers.format(expected);
        String slack = tolerance.amount() == 0 ? "" : " " + tolerance;
        return switch (this) {
            case WITHIN -> value + (tolerance.amount() == 0 ? " exactly" : slack);
            case AT_LEAST -> "at least " + value + slack;
            case AT_MOST -> "at most " + value + slack;
        };
    }
}
