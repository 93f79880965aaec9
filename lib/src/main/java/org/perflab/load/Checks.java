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

    /** A thread count between {@code min} and {@link #MAX_THREADS}, or an exception naming both. */
    static int threads(String property, int value, int min) {
        if (value < min || value > MAX_THREADS) {
            throw new IllegalArgumentException(property + " must be between " + min + " and " + MAX_THREADS
                    + " but was " + value);
        }
        return value;
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
