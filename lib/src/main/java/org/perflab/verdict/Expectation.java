package org.perflab.verdict;

import java.util.Objects;
import org.perflab.check.Require;

/**
 * What a claim allows: the expected value from theory or the claim itself, the slack around it, and
 * the resulting range of passing values. The expected value printed is always the claim's own
 * number; a range with no central value ({@link #between}) prints as a range, never as a midpoint.
 *
 * @param comparison the claim's shape
 * @param expected   the claim's or the theory's number; NaN for {@link Comparison#BETWEEN}
 * @param tolerance  the slack allowed around {@code expected}
 * @param lower      the smallest passing value ({@code -Infinity} when unbounded)
 * @param upper      the largest passing value ({@code +Infinity} when unbounded)
 */
public record Expectation(Comparison comparison, double expected, Tolerance tolerance, double lower, double upper) {

    public Expectation {
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(tolerance, "tolerance");
        Require.that(!Double.isNaN(lower) && upper >= lower, "the allowed range", lower + " to " + upper,
                "from a lower to a higher bound", "give the lower bound first, and numbers, not NaN");
    }

    /** {@code expected} ± {@code tolerance}, either side. */
    public static Expectation near(double expected, Tolerance tolerance) {
        requireFinite("expected", expected);
        double margin = tolerance.marginAround(expected);
        return new Expectation(Comparison.WITHIN, expected, tolerance, expected - margin, expected + margin);
    }

    /** At least {@code expected} less the tolerance's margin. */
    public static Expectation atLeast(double expected, Tolerance tolerance) {
        requireFinite("expected", expected);
        return new Expectation(Comparison.AT_LEAST, expected, tolerance,
                expected - tolerance.marginAround(expected), Double.POSITIVE_INFINITY);
    }

    /** At most {@code expected} plus the tolerance's margin. */
    public static Expectation atMost(double expected, Tolerance tolerance) {
        requireFinite("expected", expected);
        return new Expectation(Comparison.AT_MOST, expected, tolerance,
                Double.NEGATIVE_INFINITY, expected + tolerance.marginAround(expected));
    }

    /** Between {@code min} and {@code max}, both included: for claims that are a range ("70% to 90% of linear"). */
    public static Expectation between(double min, double max) {
        requireFinite("min", min);
        requireFinite("max", max);
        Require.that(max >= min, "max", max, ">= min (" + min + ")", "swap them");
        return new Expectation(Comparison.BETWEEN, Double.NaN, Tolerance.NONE, min, max);
    }

    private static void requireFinite(String property, double value) {
        // A non-finite expectation is a bug in the notebook's theory, not a finding about the system.
        Require.that(Double.isFinite(value), property, value, "finite",
                "check the formula that computed it: a division by zero or an overflow gives no expectation");
    }

    /** Whether one value is allowed. NaN never is: a measurement that produced no number confirmed nothing. */
    public boolean allows(double value) {
        return !Double.isNaN(value) && value >= lower - slack(value) && value <= upper + slack(value);
    }

    /**
     * The decision rule: PASS when the whole interval is allowed, FAIL when none of it is (or it is
     * NaN), INCONCLUSIVE when it straddles a bound.
     */
    public Outcome judge(Estimate estimate) {
        if (Double.isNaN(estimate.value()) || Double.isNaN(estimate.low()) || Double.isNaN(estimate.high())) {
            return Outcome.FAIL;
        }
        if (allows(estimate.low()) && allows(estimate.high())) {
            return Outcome.PASS;
        }
        boolean below = estimate.high() < lower - slack(estimate.high());
        boolean above = estimate.low() > upper + slack(estimate.low());
        return below || above ? Outcome.FAIL : Outcome.INCONCLUSIVE;
    }

    // A value on a bound passes even when computing the bound rounded it away by a few units in the
    // last place (0.1 x 3 is not 0.3 in binary).
    private double slack(double value) {
        double scale = Math.abs(value);
        if (!Double.isNaN(expected)) {
            scale = Math.max(scale, Math.abs(expected));
        }
        return Double.isInfinite(scale) ? 0 : 4 * Math.ulp(scale);
    }

    /** {@code 4 ±10%}, {@code 3 exactly}, {@code at least 2}, {@code at most 0.3 ±5%}, {@code between 0.8 and 1.2}. */
    public String describe() {
        String slack = tolerance.amount() == 0 ? "" : " " + tolerance;
        return switch (comparison) {
            case WITHIN -> Numbers.format(expected) + (tolerance.amount() == 0 ? " exactly" : slack);
            case AT_LEAST -> "at least " + Numbers.format(expected) + slack;
            case AT_MOST -> "at most " + Numbers.format(expected) + slack;
            case BETWEEN -> "between " + Numbers.format(lower) + " and " + Numbers.format(upper);
        };
    }

    /** {@code 3.6 to 4.4}, {@code >= 2}, {@code <= 0.3}: the passing values. */
    public String allowedRange() {
        if (Double.isInfinite(upper)) {
            return ">= " + Numbers.format(lower);
        }
        if (Double.isInfinite(lower)) {
            return "<= " + Numbers.format(upper);
        }
        return Numbers.format(lower) + " to " + Numbers.format(upper);
    }
}
