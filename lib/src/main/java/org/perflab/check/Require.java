package org.perflab.check;

import java.time.Duration;
import java.util.Objects;

/**
 * Validates builder and method arguments with one phrasing everywhere:
 * <pre>{@code <name> must be <limit>, was <value>: <fix>}</pre>
 * for example {@code threads must be between 1 and 10000, was 0: give the pool at least one thread}. A reader of a
 * failed notebook cell then learns which argument, what was wrong with it and what to write instead, without
 * reading the library's source. Each check returns the value, so a builder can assign and check in one line.
 */
public final class Require {

    private Require() {
    }

    /** {@code value} if {@code min <= value <= max}. */
    public static int between(String name, int value, int min, int max, String fix) {
        if (value < min || value > max) {
            throw invalid(name, value, "between " + min + " and " + max, fix);
        }
        return value;
    }

    /** {@code value} if {@code min <= value <= max}. */
    public static long between(String name, long value, long min, long max, String fix) {
        if (value < min || value > max) {
            throw invalid(name, value, "between " + min + " and " + max, fix);
        }
        return value;
    }

    /** {@code value} if it is a number (not NaN) with {@code min <= value <= max}. */
    public static double between(String name, double value, double min, double max, String fix) {
        if (!(value >= min && value <= max)) {
            throw invalid(name, value, "between " + min + " and " + max, fix);
        }
        return value;
    }

    /** {@code value} if {@code value >= min}. */
    public static int atLeast(String name, int value, int min, String fix) {
        if (value < min) {
            throw invalid(name, value, ">= " + min, fix);
        }
        return value;
    }

    /** {@code value} if {@code value >= min}. */
    public static long atLeast(String name, long value, long min, String fix) {
        if (value < min) {
            throw invalid(name, value, ">= " + min, fix);
        }
        return value;
    }

    /** {@code value} if it is greater than zero and finite (NaN and infinities fail). */
    public static double positiveFinite(String name, double value, String fix) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(name, value, "> 0 and finite", fix);
        }
        return value;
    }

    /** {@code value} if it is zero or more and finite (NaN and infinities fail). */
    public static double nonNegativeFinite(String name, double value, String fix) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw invalid(name, value, ">= 0 and finite", fix);
        }
        return value;
    }

    /** {@code value} if it is not null and {@code min <= value <= max}. */
    public static Duration between(String name, Duration value, Duration min, Duration max, String fix) {
        notNull(name, value, fix);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw invalid(name, value, "between " + min + " and " + max, fix);
        }
        return value;
    }

    /** {@code value} if it is not null and longer than zero. */
    public static Duration positive(String name, Duration value, String fix) {
        notNull(name, value, fix);
        if (value.isNegative() || value.isZero()) {
            throw invalid(name, value, "> 0", fix);
        }
        return value;
    }

    /** {@code value} if it is not null and not negative. */
    public static Duration nonNegative(String name, Duration value, String fix) {
        notNull(name, value, fix);
        if (value.isNegative()) {
            throw invalid(name, value, ">= 0", fix);
        }
        return value;
    }

    /** {@code value} if it is not null; a {@link NullPointerException} in the same phrasing otherwise. */
    public static <T> T notNull(String name, T value, String fix) {
        if (value == null) {
            throw new NullPointerException(message(name, null, "given", fix));
        }
        return value;
    }

    /** {@code value} if it is not null and not blank. */
    public static String notBlank(String name, String value, String fix) {
        if (value == null || value.isBlank()) {
            throw invalid(name, value == null ? null : "'" + value + "'", "a non-blank text", fix);
        }
        return value;
    }

    /**
     * Checks a condition the typed methods above do not cover, for example an order between two arguments:
     * {@code Require.that(min <= max, "min", min, "<= max (" + max + ")", "swap them")}.
     */
    public static void that(boolean condition, String name, Object value, String limit, String fix) {
        if (!condition) {
            throw invalid(name, value, limit, fix);
        }
    }

    /** The exception the checks throw, for a caller that decided itself that the value is invalid. */
    public static IllegalArgumentException invalid(String name, Object value, String limit, String fix) {
        return new IllegalArgumentException(message(name, value, limit, fix));
    }

    /** {@code <name> must be <limit>, was <value>: <fix>}. */
    public static String message(String name, Object value, String limit, String fix) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(fix, "fix: every rejection says what to do instead");
        return name + " must be " + limit + ", was " + value + ": " + fix;
    }
}
