package org.perflab.verdict;

/**
 * The shape of a claim: the measurement sits near the expected value, at least or at most it, or
 * between two bounds that have no central value. The tolerance widens the allowed side(s) by its
 * margin; a value exactly on a bound is allowed.
 */
public enum Comparison {
    /** {@code expected - margin <= measured <= expected + margin}. */
    WITHIN,
    /** {@code measured >= expected - margin}. */
    AT_LEAST,
    /** {@code measured <= expected + margin}. */
    AT_MOST,
    /** {@code lower <= measured <= upper}, where the range is the claim (no expected value inside it). */
    BETWEEN
}
