package org.perflab.load;

import java.time.Duration;
import java.util.Objects;

/** Builder validation with the property name and the limit in every message. */
final class Checks {

    /** More threads than this is a mistake in a notebook, not a load test. */
    static final int MAX_THREADS = 10_000;

    /** Longer than any experiment; keeps {@code start + duration} far from overflowing. */
    static final Duration MAX_DURATION = Duration.ofDays(365);

    private Checks() {
    }

    static long positive(String property, Duration value) {
        Objects.requireNonNull(value, property);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be > 0 but was " + value);
        }
        return withinMax(property, value);
    }

    static long nonNegative(String property, Duration value) {
        Objects.requireNonNull(value, property);
        if (value.isNegative()) {
            throw new IllegalArgumentException(property + " must be >= 0 but was " + value);
        }
        return withinMax(property, value);
    }

    private static long withinMax(String property, Duration value) {
        if (value.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(property + " must be <= " + MAX_DURATION + " but was " + value);
        }
        return value.toNanos();
    }
}
