package org.perflab.verdict;

import java.util.Objects;
import org.perflab.check.Require;

/**
 * How far a measurement may sit from the value a claim expects and still count as agreeing: a
 * fraction of the expected value ({@link #percent}, {@link #relative}) or a fixed amount in the
 * claim's own unit ({@link #absolute}).
 *
 * <p>Choose a tolerance from the spread of repeated trials on a noisy machine, not from one good
 * run: a claim that fails one run in twenty is a flaky claim, not a finding.
 *
 * <p>Surprise: a relative tolerance around an expected value of zero allows nothing; use an
 * absolute one there.
 *
 * @param kind   relative (a fraction of |expected|) or absolute (in the claim's unit)
 * @param amount the fraction or amount; 0 demands the exact value
 */
public record Tolerance(Kind kind, double amount) {

    /** What {@link Tolerance#amount()} is measured in. */
    public enum Kind {
        /** A fraction of the absolute expected value: 0.1 is ±10%. */
        RELATIVE,
        /** A fixed amount in the claim's unit: 0.5 is ±0.5 ms for a claim in milliseconds. */
        ABSOLUTE
    }

    /** No slack at all: the measurement must reach the expected value itself. */
    public static final Tolerance NONE = new Tolerance(Kind.ABSOLUTE, 0);

    public Tolerance {
        Objects.requireNonNull(kind, "kind");
        Require.nonNegativeFinite("tolerance amount", amount, "give a positive margin, e.g. Tolerance.percent(10)");
    }

    /** ±{@code percent}% of the expected value: {@code percent(10)} allows 90 to 110 around 100. */
    public static Tolerance percent(double percent) {
        return new Tolerance(Kind.RELATIVE, percent / 100);
    }

    /** ±{@code fraction} x the expected value: {@code relative(0.1)} equals {@code percent(10)}. */
    public static Tolerance relative(double fraction) {
        return new Tolerance(Kind.RELATIVE, fraction);
    }

    /** ±{@code amount} in the claim's unit. */
    public static Tolerance absolute(double amount) {
        return new Tolerance(Kind.ABSOLUTE, amount);
    }

    /** The distance from {@code expected} this tolerance allows, in the claim's unit. */
    public double marginAround(double expected) {
        return kind == Kind.RELATIVE ? amount * Math.abs(expected) : amount;
    }

    /** {@code ±10%}, {@code ±0.5}, or {@code exact}. */
    @Override
    public String toString() {
        if (amount == 0) {
            return "exact";
        }
        return kind == Kind.RELATIVE ? "±" + Numbers.format(amount * 100) + "%" : "±" + Numbers.format(amount);
    }
}
