package org.perflab.pool;

/** Builder validation with the property, the limits and the value in every message. */
final class Checks {

    private Checks() {
    }

    /** {@code value} if {@code min <= value <= max}, else an exception naming all three. */
    static int between(String property, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(property + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
